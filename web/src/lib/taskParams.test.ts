import { describe, expect, it } from 'vitest';
import { branchesOf, parseTaskParams, scriptOf, toCodes } from './taskParams';

describe('taskParams', () => {
  it('parses objects and JSON text, and tolerates garbage', () => {
    expect(parseTaskParams({ a: 1 })).toEqual({ a: 1 });
    expect(parseTaskParams('{"a":1}')).toEqual({ a: 1 });
    expect(parseTaskParams('not json')).toEqual({});
    expect(parseTaskParams('[1]')).toEqual({});
    expect(parseTaskParams(null)).toEqual({});
  });

  it('normalises branch targets given as numbers, strings or arrays', () => {
    expect(toCodes(5)).toEqual([5]);
    expect(toCodes('7')).toEqual([7]);
    expect(toCodes([1, '2', '', null, 0])).toEqual([1, 2]);
    expect(toCodes(undefined)).toEqual([]);
  });

  it('lists SWITCH branches with the default last, and CONDITIONS success/failure', () => {
    const sw = branchesOf({
      taskType: 'SWITCH',
      taskParams: JSON.stringify({ switchResult: { dependTaskList: [{ condition: 'a', nextNode: 1 }], nextNode: '2' } }),
    });
    expect(sw).toEqual([
      { label: 'a', kind: 'condition', codes: [1] },
      { label: 'default', kind: 'default', codes: [2] },
    ]);
    const cond = branchesOf({ taskType: 'CONDITIONS', taskParams: { conditionResult: { successNode: [3], failedNode: [] } } });
    expect(cond.map((b) => [b.kind, b.codes])).toEqual([
      ['success', [3]],
      ['failure', []],
    ]);
    expect(branchesOf({ taskType: 'SHELL', taskParams: {} })).toEqual([]);
  });

  it('finds the script of SHELL/PYTHON and the SQL of OPENMLDB-like tasks', () => {
    expect(scriptOf('PYTHON', { rawScript: 'print(1)' })).toEqual({ language: 'python', text: 'print(1)' });
    expect(scriptOf('OPENMLDB', { sql: 'SELECT 1' })).toEqual({ language: 'sql', text: 'SELECT 1' });
    expect(scriptOf('HTTP', { url: 'x' })).toBeNull();
  });
});
