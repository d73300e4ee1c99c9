import { describe, expect, it } from 'vitest';
import { addTask, EMPTY_GRAPH, newTask, EditorGraph, EditorTask } from './model';
import { editorText } from './editorText';
import { validateTask } from './validation';
import { validateSettings } from './SaveDialog';
import { DEFAULT_SETTINGS } from './model';

const tx = (key: string, vars?: Record<string, string | number>) => editorText('en', key, vars);

function withTasks(...tasks: EditorTask[]): EditorGraph {
  return tasks.reduce((g, t) => addTask(g, t, { x: 0, y: 0 }), EMPTY_GRAPH);
}

describe('task validation', () => {
  it('requires a script and a unique name', () => {
    const a = newTask(1, 'SHELL', 'same');
    const b = { ...newTask(2, 'PYTHON', 'same'), params: { rawScript: 'print(1)', localParams: [{ prop: 'x', direct: 'OUT' }, { prop: 'x' }] } };
    const g = withTasks(a, b);
    expect(validateTask(a, g, tx)).toMatchObject({ rawScript: 'Required', name: 'Another task has this name' });
    expect(validateTask(b, g, tx)).toEqual({ name: 'Another task has this name', 'localParams[1].prop': 'Parameter names must be unique' });
  });

  it('checks SWITCH branches point at tasks of the workflow', () => {
    const sw = { ...newTask(1, 'SWITCH', 'sw'), params: { switchResult: { dependTaskList: [{ condition: '', nextNode: 99 }], nextNode: 2 } } };
    const target = { ...newTask(2, 'SHELL', 't'), params: { rawScript: 'x' } };
    const errors = validateTask(sw, withTasks(sw, target), tx);
    expect(errors).toEqual({
      'switchResult.dependTaskList[0].condition': 'Required',
      'switchResult.dependTaskList[0].nextNode': 'Choose a task of this workflow',
    });
  });

  it('checks CONDITIONS has checks and distinct branches', () => {
    const c = newTask(1, 'CONDITIONS', 'c');
    expect(validateTask(c, withTasks(c), tx)).toMatchObject({ dependence: expect.any(String), conditionResult: expect.any(String) });
    const full = {
      ...c,
      params: {
        dependence: { relation: 'AND', dependTaskList: [{ relation: 'AND', dependItemList: [{ depTaskCode: 2, status: 'SUCCESS' }] }] },
        conditionResult: { successNode: [3], failedNode: [3] },
      },
    };
    const g = withTasks(full, newTask(2, 'SHELL', 'a'), newTask(3, 'SHELL', 'b'));
    expect(validateTask(full, g, tx)).toEqual({ conditionResult: 'Success and failure must run different tasks' });
  });

  it('follows the server rules of HTTP, MLFLOW, DVC, OPENMLDB, DEPENDENT, SUB_PROCESS', () => {
    const http = { ...newTask(1, 'HTTP', 'h'), params: { url: 'ftp://x', httpCheckCondition: 'STATUS_CODE_CUSTOM', condition: 'ok', httpParams: [{ prop: '' }] } };
    expect(validateTask(http, withTasks(http), tx)).toEqual({ url: expect.any(String), condition: expect.any(String), 'httpParams[0].prop': 'Required' });
    const ml = { ...newTask(1, 'MLFLOW', 'm'), params: { mlflowTaskType: 'MLflow Models', mlflowTrackingUri: 'http://x', deployType: 'DOCKER', deployModelKey: 'iris', deployPort: '70000' } };
    expect(validateTask(ml, withTasks(ml), tx)).toEqual({ deployModelKey: expect.any(String), deployPort: expect.any(String) });
    const dvc = { ...newTask(1, 'DVC', 'd'), params: { dvcTaskType: 'Init DVC', dvcRepository: 'git@x' } };
    expect(validateTask(dvc, withTasks(dvc), tx)).toEqual({ dvcStoreUrl: 'Required' });
    const db = { ...newTask(1, 'OPENMLDB', 'o'), params: { zk: 'h:1', zkPath: '/o', sql: ' ; ' } };
    expect(validateTask(db, withTasks(db), tx)).toEqual({ sql: expect.any(String) });
    const dep = newTask(1, 'DEPENDENT', 'd');
    expect(validateTask(dep, withTasks(dep), tx)).toEqual({
      'dependence.dependTaskList[0].dependItemList[0].projectCode': 'Required',
      'dependence.dependTaskList[0].dependItemList[0].definitionCode': 'Choose a workflow',
    });
    const sub = newTask(1, 'SUB_PROCESS', 's');
    expect(validateTask(sub, withTasks(sub), tx)).toEqual({ processDefinitionCode: 'Choose a workflow' });
  });

  it('checks timeout settings and workflow settings', () => {
    const t = { ...newTask(1, 'SHELL', 'x'), params: { rawScript: 'x' }, timeoutFlag: 'OPEN' as const, timeoutNotifyStrategy: '' as const, timeout: 0 };
    expect(Object.keys(validateTask(t, withTasks(t), tx)).sort()).toEqual(['timeout', 'timeoutNotifyStrategy']);
    expect(validateSettings({ ...DEFAULT_SETTINGS, name: ' ', globalParams: [{ prop: 'a' }, { prop: 'a' }] }, tx)).toEqual({
      name: 'Required',
      'globalParams[1].prop': 'Parameter names must be unique',
    });
  });
});
