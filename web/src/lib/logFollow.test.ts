import { describe, expect, it } from 'vitest';
import { applyLogChunk, initialCursor } from './logFollow';

describe('applyLogChunk', () => {
  it('appends text, advances by lineNum and reads again at once', () => {
    const first = applyLogChunk(initialCursor(), { lineNum: 2, message: '[LOG-PATH]: x\nline 1\r\nline 2\r\n' }, false);
    expect(first.next).toBe('read-now');
    expect(first.cursor.skipLineNum).toBe(2);
    expect(first.cursor.text).toBe('[LOG-PATH]: x\nline 1\nline 2\n');
    const second = applyLogChunk(first.cursor, { lineNum: 1, message: 'line 3' }, false);
    expect(second.cursor.skipLineNum).toBe(3);
    expect(second.cursor.text.endsWith('line 2\nline 3\n')).toBe(true);
  });

  it('waits on an empty answer while the task runs, and stops once it had finished before the read', () => {
    const cursor = { skipLineNum: 5, text: 'x\n', lines: 5, done: false };
    expect(applyLogChunk(cursor, { lineNum: 0, message: '' }, false)).toEqual({ cursor, next: 'wait' });
    const end = applyLogChunk(cursor, { lineNum: 0, message: '' }, true);
    expect(end.next).toBe('stop');
    expect(end.cursor.done).toBe(true);
    expect(end.cursor.skipLineNum).toBe(5);
  });

  it('always moves forward, even when the server reports lineNum 0 with text', () => {
    const step = applyLogChunk(initialCursor(), { lineNum: 0, message: 'partial' }, false);
    expect(step.cursor.skipLineNum).toBe(1);
  });

  it('treats a missing chunk like an empty one', () => {
    expect(applyLogChunk(initialCursor(), null, true).next).toBe('stop');
  });
});
