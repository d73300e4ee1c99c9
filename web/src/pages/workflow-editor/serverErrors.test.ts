import { describe, expect, it } from 'vitest';
import { fieldOfProblem, locateServerError } from './serverErrors';

const tasks = [
  { code: 1, name: 'load' },
  { code: 2, name: 'load all' },
  { code: 3, name: 'route' },
];

describe('server error placement', () => {
  it('puts a plugin message on the task and field it names', () => {
    const located = locateServerError(50020, 'task load all: SHELL task: rawScript is required', tasks);
    expect([...located.tasks]).toEqual([[2, { rawScript: 'SHELL task: rawScript is required' }]]);
  });

  it('understands nested fields, type errors and whole-task messages', () => {
    expect(fieldOfProblem('SWITCH task: switchResult.dependTaskList[1].nextNode must be a positive code, got -1')).toBe(
      'switchResult.dependTaskList[1].nextNode',
    );
    expect(fieldOfProblem("unknown task type 'FOO'")).toBe('taskType');
    expect(fieldOfProblem('HTTP task: url is required')).toBe('url');
    expect(fieldOfProblem('has no code')).toBe('');
    const located = locateServerError(10001, 'task route: switchResult.nextNode refers to task code 77 which is not in this workflow', tasks);
    expect(located.tasks.get(3)).toEqual({ 'switchResult.nextNode': expect.stringContaining('77') });
  });

  it('puts a sub-workflow cycle on the child workflow field of the task', () => {
    const located = locateServerError(50019, 'sub-workflow cycle: task route leads back to workflow wf', tasks);
    expect(located.tasks.get(3)).toEqual({ processDefinitionCode: 'sub-workflow cycle: task route leads back to workflow wf' });
  });

  it('marks every task of a cycle', () => {
    const located = locateServerError(50019, 'process node has cycle: load -> route -> load', tasks);
    expect([...located.tasks.keys()].sort()).toEqual([1, 3]);
  });

  it('sends workflow-level problems to the settings', () => {
    expect(locateServerError(10168, 'process definition name wf already exists', tasks).settings).toEqual({
      name: 'process definition name wf already exists',
    });
    expect(locateServerError(10017, 'tenant not exists: x', tasks).settings).toEqual({ tenantCode: 'tenant not exists: x' });
    const none = locateServerError(50008, 'workflow is online', tasks);
    expect(none.tasks.size + Object.keys(none.settings).length).toBe(0);
  });
});
