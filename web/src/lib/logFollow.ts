// The log-following rules of ds-api §3.11 as a pure state machine.
// Read from line 0 in pages of LOG_PAGE lines; a non-empty message is appended and the next read
// starts lineNum lines further on at once; an empty message means "nothing new": stop if the task
// was already finished before that read was sent (so nothing can have been written since),
// otherwise wait and ask again.
export const LOG_PAGE = 1000;

export interface LogCursor {
  skipLineNum: number;
  text: string;
  lines: number;
  done: boolean;
}

export type NextStep = 'read-now' | 'wait' | 'stop';

export const initialCursor = (): LogCursor => ({ skipLineNum: 0, text: '', lines: 0, done: false });

/** Line endings from the server are \r\n; the viewer works with \n. */
export function normaliseLog(message: string): string {
  return message.replace(/\r\n/g, '\n').replace(/\r/g, '\n');
}

export function applyLogChunk(
  cursor: LogCursor,
  chunk: { lineNum: number; message: string } | null | undefined,
  finishedBeforeRead: boolean,
): { cursor: LogCursor; next: NextStep } {
  const message = chunk?.message ?? '';
  if (message.length > 0) {
    let text = normaliseLog(message);
    if (!text.endsWith('\n')) text += '\n';
    const advance = Math.max(1, Number(chunk?.lineNum) || 0);
    return {
      cursor: {
        skipLineNum: cursor.skipLineNum + advance,
        text: cursor.text + text,
        lines: cursor.lines + advance,
        done: false,
      },
      next: 'read-now',
    };
  }
  if (finishedBeforeRead) return { cursor: { ...cursor, done: true }, next: 'stop' };
  return { cursor, next: 'wait' };
}
