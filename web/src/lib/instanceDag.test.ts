import { describe, expect, it } from 'vitest';
import type { TaskDefinition, TaskInstance, TaskRelation } from '../api/types';
import { buildDag } from './dag';
import { chosenBranchIndex, computeInstanceDag, latestInstances } from './instanceDag';

const shell = (code: number, name: string): TaskDefinition => ({ code, name, taskType: 'SHELL', taskParams: { rawScript: 'echo' } });
const rel = (pre: number, post: number): TaskRelation => ({ preTaskCode: pre, postTaskCode: post });
let nextId = 1;
const ti = (taskCode: number, state: TaskInstance['state'], extra: Partial<TaskInstance> = {}): TaskInstance => ({
  id: nextId++,
  name: `t${taskCode}`,
  taskType: 'SHELL',
  processInstanceId: 1,
  taskCode,
  state,
  ...extra,
});

// prepare(1) -> switch(2) -> fast(3) | slow(4) | fallback(5) -> finish(6); slow -> report(7)
const switchTask: TaskDefinition = {
  code: 2,
  name: 'route',
  taskType: 'SWITCH',
  taskParams: {
    switchResult: {
      dependTaskList: [
        { condition: '${r} == "fast"', nextNode: 3 },
        { condition: '${r} == "slow"', nextNode: '4' },
      ],
      nextNode: [5],
    },
  },
};
const model = buildDag({
  taskDefinitionList: [shell(1, 'prepare'), switchTask, shell(3, 'fast'), shell(4, 'slow'), shell(5, 'fallback'), shell(6, 'finish'), shell(7, 'report')],
  processTaskRelationList: [rel(0, 1), rel(1, 2), rel(2, 3), rel(2, 4), rel(2, 5), rel(3, 6), rel(4, 6), rel(5, 6), rel(4, 7)],
});

describe('computeInstanceDag', () => {
  it('marks the branches a finished SWITCH did not take as skipped, and what follows only them', () => {
    const instances = [ti(1, 'SUCCESS'), ti(2, 'SUCCESS', { taskType: 'SWITCH' }), ti(4, 'SUCCESS'), ti(6, 'SUCCESS'), ti(7, 'SUCCESS')];
    const view = computeInstanceDag(model, instances, 'SUCCESS');
    expect(view.nodes.get(3)?.status).toBe('SKIPPED');
    expect(view.nodes.get(5)?.status).toBe('SKIPPED');
    expect(view.nodes.get(4)?.status).toBe('SUCCESS');
    expect(view.nodes.get(6)?.status).toBe('SUCCESS');
    expect(view.nodes.get(2)?.chosenBranch).toBe('${r} == "slow"');
    expect(view.edges.get('2->4')).toBe('taken');
    expect(view.edges.get('2->3')).toBe('skipped');
    expect(view.edges.get('2->5')).toBe('skipped');
    expect(view.edges.get('3->6')).toBe('skipped');
  });

  it('uses the decision recorded by the server before any branch task exists', () => {
    const instances = [ti(1, 'SUCCESS'), ti(2, 'SUCCESS', { switchDependency: { resultConditionLocation: 2 } })];
    const view = computeInstanceDag(model, instances, 'RUNNING_EXECUTION');
    expect(view.nodes.get(2)?.chosenBranch).toBe('default');
    expect(view.nodes.get(3)?.status).toBe('SKIPPED');
    expect(view.nodes.get(4)?.status).toBe('SKIPPED');
    expect(view.nodes.get(7)?.status).toBe('SKIPPED'); // only reachable through the skipped slow branch
    expect(view.nodes.get(5)?.status).toBe('PENDING');
    expect(view.nodes.get(6)?.status).toBe('PENDING'); // joins the taken branch too
  });

  it('is not misled by task instances that record skipped tasks (state SKIPPED)', () => {
    const instances = [
      ti(1, 'SUCCESS'),
      ti(2, 'SUCCESS'),
      ti(3, 'SKIPPED', { skipReason: 'branch not taken' }),
      ti(4, 'RUNNING_EXECUTION'),
      ti(5, 'SKIPPED'),
    ];
    const view = computeInstanceDag(model, instances, 'RUNNING_EXECUTION');
    expect(view.nodes.get(2)?.chosenBranch).toBe('${r} == "slow"');
    expect(view.nodes.get(3)?.status).toBe('SKIPPED');
    expect(view.nodes.get(3)?.instance?.skipReason).toBe('branch not taken');
    expect(view.edges.get('2->3')).toBe('skipped');
    expect(view.edges.get('2->4')).toBe('taken');
    expect(view.nodes.get(6)?.status).toBe('PENDING');
  });

  it('reads the SWITCH choice the server stored in the task instance parameters', () => {
    const recorded = ti(2, 'SUCCESS', { taskParams: JSON.stringify({ switchResult: { resultConditionLocation: 0 } }) });
    const view = computeInstanceDag(model, [ti(1, 'SUCCESS'), recorded], 'RUNNING_EXECUTION');
    expect(view.nodes.get(2)?.chosenBranch).toBe('${r} == "fast"');
    expect(view.nodes.get(4)?.status).toBe('SKIPPED');
  });

  it('leaves branches pending while the SWITCH has not decided', () => {
    const view = computeInstanceDag(model, [ti(1, 'SUCCESS'), ti(2, 'RUNNING_EXECUTION')], 'RUNNING_EXECUTION');
    for (const code of [3, 4, 5, 6, 7]) expect(view.nodes.get(code)?.status).toBe('PENDING');
    expect(view.nodes.get(2)?.chosenBranch).toBeUndefined();
  });

  it('shows tasks never reached in a finished workflow as not run, and disabled tasks as forbidden', () => {
    const chain = buildDag({
      taskDefinitionList: [shell(1, 'a'), { ...shell(2, 'b'), flag: 'NO' }, shell(3, 'c')],
      processTaskRelationList: [rel(0, 1), rel(1, 2), rel(2, 3)],
    });
    const view = computeInstanceDag(chain, [ti(1, 'KILL')], 'STOP');
    expect(view.nodes.get(1)?.status).toBe('KILL');
    expect(view.nodes.get(2)?.status).toBe('FORBIDDEN');
    expect(view.nodes.get(3)?.status).toBe('NOT_RUN');
  });

  it('reads CONDITIONS outcomes from the recorded result, the started branch, or the task state', () => {
    const cond: TaskDefinition = {
      code: 10,
      name: 'check',
      taskType: 'CONDITIONS',
      taskParams: { conditionResult: { successNode: [11], failedNode: [12] } },
    };
    const dag = buildDag({
      taskDefinitionList: [cond, shell(11, 'ok'), shell(12, 'bad')],
      processTaskRelationList: [rel(0, 10), rel(10, 11), rel(10, 12)],
    });
    const recorded = ti(10, 'SUCCESS', { taskParams: JSON.stringify({ conditionResult: { conditionSuccess: false } }) });
    expect(computeInstanceDag(dag, [recorded], 'RUNNING_EXECUTION').nodes.get(11)?.status).toBe('SKIPPED');
    expect(computeInstanceDag(dag, [ti(10, 'SUCCESS'), ti(12, 'RUNNING_EXECUTION')], 'RUNNING_EXECUTION').nodes.get(11)?.status).toBe('SKIPPED');
    expect(computeInstanceDag(dag, [ti(10, 'FAILURE')], 'RUNNING_EXECUTION').nodes.get(11)?.status).toBe('SKIPPED');
    expect(computeInstanceDag(dag, [ti(10, 'SUCCESS')], 'RUNNING_EXECUTION').nodes.get(12)?.status).toBe('SKIPPED');
  });
});

describe('latestInstances', () => {
  it('keeps the newest valid instance per task (retries create new rows)', () => {
    const old = ti(1, 'FAILURE', { id: 50 });
    const retry = ti(1, 'SUCCESS', { id: 51 });
    const history = ti(2, 'FAILURE', { id: 60, flag: 'NO' });
    const latest = latestInstances([retry, old, history]);
    expect(latest.get(1)?.id).toBe(51);
    expect(latest.has(2)).toBe(false);
  });
});

describe('chosenBranchIndex', () => {
  it('does not decide for a SWITCH that failed', () => {
    expect(chosenBranchIndex(switchTask, ti(2, 'FAILURE'), new Map())).toBeNull();
  });
});
