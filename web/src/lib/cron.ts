// Quartz cron helpers for the schedule dialog: presets and a shape check before asking the
// server for the next fire times (the server is the authority on validity).
export const CRON_PRESETS: { key: string; cron: string }[] = [
  { key: 'cron.everyFiveMinutes', cron: '0 */5 * * * ? *' },
  { key: 'cron.hourly', cron: '0 0 * * * ? *' },
  { key: 'cron.daily', cron: '0 0 0 * * ? *' },
  { key: 'cron.weekdays', cron: '0 0 9 ? * MON-FRI *' },
  { key: 'cron.weekly', cron: '0 0 0 ? * MON *' },
  { key: 'cron.monthly', cron: '0 0 0 1 * ? *' },
];

/** Returns a problem description, or null when the text has the shape of a Quartz cron. */
export function cronShapeProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length < 6 || fields.length > 7) {
    return 'A Quartz cron has 6 or 7 fields: second minute hour day-of-month month day-of-week [year].';
  }
  const [, , , dayOfMonth, , dayOfWeek] = fields;
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    return 'Use "?" in either day-of-month or day-of-week (Quartz needs one of them unspecified).';
  }
  return null;
}
