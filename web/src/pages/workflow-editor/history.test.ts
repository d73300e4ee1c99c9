import { describe, expect, it } from 'vitest';
import { historyReducer } from './history';

describe('undo history', () => {
  it('undoes and redoes recorded steps; a new step clears redo', () => {
    let s = { past: [] as number[], present: 1, future: [] as number[] };
    s = historyReducer(s, { kind: 'set', value: 2, record: true });
    s = historyReducer(s, { kind: 'set', value: 3, record: true });
    s = historyReducer(s, { kind: 'undo' });
    expect(s.present).toBe(2);
    s = historyReducer(s, { kind: 'redo' });
    expect(s.present).toBe(3);
    s = historyReducer(s, { kind: 'undo' });
    s = historyReducer(s, { kind: 'set', value: 9, record: true });
    expect(s.future).toEqual([]);
    expect(historyReducer(s, { kind: 'redo' })).toBe(s);
  });

  it('records a silent change as one step from its checkpoint', () => {
    let s = { past: [] as number[], present: 1, future: [] as number[] };
    s = historyReducer(s, { kind: 'set', value: 2, record: false });
    s = historyReducer(s, { kind: 'set', value: 3, record: false });
    expect(s.past).toEqual([]);
    s = historyReducer(s, { kind: 'checkpoint', snapshot: 1 });
    s = historyReducer(s, { kind: 'undo' });
    expect(s.present).toBe(1);
  });
});
