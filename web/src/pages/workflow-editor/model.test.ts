import { describe, expect, it } from 'vitest';
import type { DagData } from '../../api/types';
import {
  addTask,
  autoLayout,
  connect,
  connectProblem,
  copyTask,
  EditorGraph,
  EMPTY_GRAPH,
  graphFromDag,
  newTask,
  removeEdges,
  removeTasks,
  saveRequest,
  updateTask,
  DEFAULT_SETTINGS,
} from './model';

function chain(...names: string[]): EditorGraph {
  let g = EMPTY_GRAPH;
  names.forEach((name, i) => {
    g = addTask(g, newTask(100 + i, 'SHELL', name), { x: i * 10, y: 0 });
  });
  for (let i = 1; i < names.length; i++) g = connect(g, 100 + i - 1, 100 + i);
  return g;
}

describe('editor graph', () => {
  it('refuses self edges, duplicates and cycles', () => {
    const g = chain('a', 'b', 'c');
    expect(connectProblem(g, 100, 100)).toBe('self');
    expect(connectProblem(g, 100, 101)).toBe('duplicate');
    expect(connectProblem(g, 102, 100)).toBe('cycle');
    expect(connectProblem(g, 100, 102)).toBeNull();
    expect(connect(g, 102, 100)).toBe(g);
  });

  it('draws edges for SWITCH branch targets and drops them when the branch goes', () => {
    let g = chain('a', 'b');
    g = addTask(g, newTask(200, 'SWITCH', 'sw'), { x: 0, y: 0 });
    const sw = g.tasks.find((t) => t.code === 200)!;
    g = updateTask(g, { ...sw, params: { ...sw.params, switchResult: { dependTaskList: [{ condition: '1 == 1', nextNode: 100 }], nextNode: 101 } } });
    expect(g.edges).toContainEqual({ from: 200, to: 100 });
    // 101 is downstream of 100 already; the default branch still gets its own edge
    expect(g.edges).toContainEqual({ from: 200, to: 101 });
    const again = g.tasks.find((t) => t.code === 200)!;
    g = updateTask(g, { ...again, params: { ...again.params, switchResult: { dependTaskList: [{ condition: '1 == 1', nextNode: 100 }], nextNode: null } } });
    expect(g.edges).not.toContainEqual({ from: 200, to: 101 });
  });

  it('drops a branch reference that would close a cycle', () => {
    let g = chain('a', 'b');
    g = addTask(g, newTask(300, 'SWITCH', 'sw'), { x: 0, y: 0 });
    g = connect(g, 101, 300); // a -> b -> sw
    const sw = g.tasks.find((t) => t.code === 300)!;
    g = updateTask(g, { ...sw, params: { ...sw.params, switchResult: { dependTaskList: [{ condition: 'x', nextNode: 100 }], nextNode: null } } });
    expect(g.edges).not.toContainEqual({ from: 300, to: 100 });
    const saved = g.tasks.find((t) => t.code === 300)!.params.switchResult as { dependTaskList: { nextNode: unknown }[] };
    expect(saved.dependTaskList[0].nextNode).toBeNull();
  });

  it('connects the tasks a CONDITIONS task checks and clears references on delete', () => {
    let g = chain('prep');
    g = addTask(g, newTask(400, 'CONDITIONS', 'check'), { x: 0, y: 0 });
    g = addTask(g, newTask(401, 'SHELL', 'ok'), { x: 0, y: 0 });
    g = addTask(g, newTask(402, 'SHELL', 'ko'), { x: 0, y: 0 });
    const cond = g.tasks.find((t) => t.code === 400)!;
    g = updateTask(g, {
      ...cond,
      params: {
        ...cond.params,
        dependence: { relation: 'AND', dependTaskList: [{ relation: 'AND', dependItemList: [{ depTaskCode: 100, status: 'SUCCESS' }] }] },
        conditionResult: { successNode: [401], failedNode: [402] },
      },
    });
    expect(g.edges).toEqual(expect.arrayContaining([{ from: 100, to: 400 }, { from: 400, to: 401 }, { from: 400, to: 402 }]));
    // removing the failure edge clears the failure branch
    g = removeEdges(g, [{ from: 400, to: 402 }]);
    expect((g.tasks.find((t) => t.code === 400)!.params.conditionResult as { failedNode: number[] }).failedNode).toEqual([]);
    // deleting the checked task removes its check
    g = removeTasks(g, [100]);
    const dep = g.tasks.find((t) => t.code === 400)!.params.dependence as { dependTaskList: { dependItemList: unknown[] }[] };
    expect(dep.dependTaskList[0].dependItemList).toEqual([]);
    expect(g.edges).toEqual([{ from: 400, to: 401 }]);
  });

  it('copies a task under a new code and a free name, without branch references', () => {
    let g = chain('a', 'b');
    g = addTask(g, newTask(500, 'SWITCH', 'sw'), { x: 0, y: 0 });
    const sw = g.tasks.find((t) => t.code === 500)!;
    g = updateTask(g, { ...sw, params: { ...sw.params, switchResult: { dependTaskList: [{ condition: 'x', nextNode: 100 }], nextNode: 101 } } });
    g = copyTask(g, 500, 501);
    const copy = g.tasks.find((t) => t.code === 501)!;
    expect(copy.name).toBe('sw_copy');
    expect(copy.version).toBe(0);
    expect((copy.params.switchResult as { nextNode: unknown }).nextNode).toBeNull();
    expect(g.edges.filter((e) => e.from === 501)).toEqual([]);
    expect(copyTask(g, 500, 502).tasks.find((t) => t.code === 502)!.name).toBe('sw_copy_1');
  });

  it('builds the request DolphinScheduler expects: roots get preTaskCode 0', () => {
    const g = chain('a', 'b');
    const form = saveRequest(g, { ...DEFAULT_SETTINGS, name: ' wf ', globalParams: [{ prop: 'dt', value: '1', direct: 'IN', type: 'VARCHAR' }, { prop: ' ', value: '' }] });
    expect(form.name).toBe('wf');
    const relations = JSON.parse(String(form.taskRelationJson));
    expect(relations).toEqual([
      expect.objectContaining({ preTaskCode: 0, postTaskCode: 100, conditionType: 'NONE', conditionParams: {} }),
      expect.objectContaining({ preTaskCode: 100, postTaskCode: 101 }),
    ]);
    const tasks = JSON.parse(String(form.taskDefinitionJson));
    expect(tasks[0]).toMatchObject({ code: 100, taskType: 'SHELL', flag: 'YES', timeoutFlag: 'CLOSE', timeoutNotifyStrategy: '', environmentCode: -1, taskExecuteType: 'BATCH' });
    expect(JSON.parse(String(form.globalParams))).toEqual([{ prop: 'dt', value: '1', direct: 'IN', type: 'VARCHAR' }]);
    expect(JSON.parse(String(form.locations))).toEqual([{ taskCode: 100, x: 0, y: 0 }, { taskCode: 101, x: 10, y: 0 }]);
  });

  it('reads a saved workflow back (locations, string taskParams, globals) and lays out when locations are missing', () => {
    const dag = {
      processDefinition: {
        code: 9, name: 'wf', version: 3, releaseState: 'OFFLINE', projectCode: 1, id: 1,
        locations: '[{"taskCode":1,"x":5,"y":6}]', globalParams: '[{"prop":"k","value":"v","direct":"IN","type":"VARCHAR"}]', tenantCode: 'etl', timeout: 7,
      },
      processTaskRelationList: [{ preTaskCode: 0, postTaskCode: 1 }, { preTaskCode: 1, postTaskCode: 2 }],
      taskDefinitionList: [
        { code: 1, name: 'one', taskType: 'SHELL', taskParams: '{"rawScript":"echo 1"}', timeoutNotifyStrategy: null, failRetryTimes: '2' },
        { code: 2, name: 'two', taskType: 'python', taskParams: { rawScript: 'print(1)', localParams: [] } },
      ],
    } as unknown as DagData;
    const { graph, settings } = graphFromDag(dag);
    expect(graph.edges).toEqual([{ from: 1, to: 2 }]);
    expect(graph.positions[1]).toEqual({ x: 5, y: 6 });
    expect(graph.positions[2]).toBeDefined();
    expect(graph.tasks[0]).toMatchObject({ params: { rawScript: 'echo 1', localParams: [], resourceList: [] }, failRetryTimes: 2, timeoutNotifyStrategy: '' });
    expect(graph.tasks[1].taskType).toBe('PYTHON');
    expect(settings).toMatchObject({ name: 'wf', tenantCode: 'etl', timeout: 7, globalParams: [{ prop: 'k', value: 'v' }] });
    const laid = autoLayout(graph);
    expect(laid.positions[2].x).toBeGreaterThan(laid.positions[1].x);
  });
});
