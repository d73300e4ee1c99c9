// Date helpers: the API exchanges dates as 'yyyy-MM-dd HH:mm:ss' strings in the user's zone.
import dayjs, { Dayjs } from 'dayjs';

export const API_DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss';

export function toApiDate(value: Dayjs | Date | null | undefined): string | undefined {
  if (!value) return undefined;
  return dayjs(value).format(API_DATE_FORMAT);
}

export function startOfToday(): string {
  return dayjs().startOf('day').format(API_DATE_FORMAT);
}

export function now(): string {
  return dayjs().format(API_DATE_FORMAT);
}

/** "-" for missing values, so tables never show blank cells. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '-' : String(value);
}

export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
