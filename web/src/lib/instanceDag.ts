// What each task of a workflow instance looks like in the DAG view.
// A task with a (valid) task instance shows that instance's state (Porpoise records skipped tasks as
// instances in state SKIPPED, with a reason). Tasks without one are either SKIPPED (on a branch a
// SWITCH or CONDITIONS task did not choose, or behind only skipped tasks: DolphinScheduler creates
// no task instance for them), FORBIDDEN (flag NO), PENDING (the workflow is still running) or
// NOT_RUN (the workflow finished without reaching them).
// Which branch was chosen is read from the decision the server records when it has one
// (switch resultConditionLocation, conditions conditionSuccess), otherwise from which branch
// targets got task instances, otherwise (CONDITIONS only) from the condition task's own state.
import type { TaskDefinition, TaskInstance } from '../api/types';
import { DagModel, topologicalOrder } from './dag';
import { NodeStatus, isTaskFinished, isWorkflowFinished } from './states';
import { branchesOf, parseTaskParams, Params } from './taskParams';

export interface NodeView {
  status: NodeStatus;
  instance?: TaskInstance;
  /** for SWITCH/CONDITIONS nodes: label of the chosen branch once known */
  chosenBranch?: string;
}

export type EdgeView = 'taken' | 'skipped' | 'normal';

export interface InstanceDagView {
  nodes: Map<number, NodeView>;
  edges: Map<string, EdgeView>;
}

export const edgeKey = (from: number, to: number) => `${from}->${to}`;

/** Latest valid task instance per task code. */
export function latestInstances(instances: TaskInstance[]): Map<number, TaskInstance> {
  const result = new Map<number, TaskInstance>();
  for (const ti of instances) {
    if (ti.flag === 'NO') continue;
    const code = Number(ti.taskCode);
    const current = result.get(code);
    if (!current || ti.id > current.id) result.set(code, ti);
  }
  return result;
}

function recordedSwitchChoice(ti: TaskInstance): number | null {
  const sources: unknown[] = [ti.switchDependency, parseTaskParams(ti.taskParams).switchResult];
  for (const source of sources) {
    const params = parseTaskParams(source) as Params;
    const location = params.resultConditionLocation;
    if (typeof location === 'number' && location >= 0) return location;
  }
  return null;
}

function recordedConditionChoice(ti: TaskInstance): boolean | null {
  const result = parseTaskParams(parseTaskParams(ti.taskParams).conditionResult);
  return typeof result.conditionSuccess === 'boolean' ? result.conditionSuccess : null;
}

/** Index of the chosen branch of a finished SWITCH/CONDITIONS task, or null when not yet known. */
export function chosenBranchIndex(task: TaskDefinition, ti: TaskInstance, instances: Map<number, TaskInstance>): number | null {
  const branches = branchesOf(task);
  if (!branches.length || !isTaskFinished(ti.state)) return null;
  if (task.taskType === 'SWITCH') {
    if (ti.state !== 'SUCCESS' && ti.state !== 'FORCED_SUCCESS') return null;
    const recorded = recordedSwitchChoice(ti);
    // The recorded index counts the condition entries; the default branch is last.
    if (recorded !== null) return Math.min(recorded, branches.length - 1);
  } else {
    const recorded = recordedConditionChoice(ti);
    if (recorded !== null) return recorded ? 0 : 1;
  }
  // Porpoise records skipped tasks as task instances in state SKIPPED: only real runs show the choice.
  const ran = (code: number) => instances.has(code) && instances.get(code)!.state !== 'SKIPPED';
  const started = branches.findIndex((branch) => branch.codes.some(ran));
  if (started >= 0) return started;
  if (task.taskType === 'CONDITIONS') {
    if (ti.state === 'FAILURE') return 1;
    if (ti.state === 'SUCCESS') return 0;
  }
  return null;
}

export function computeInstanceDag(model: DagModel, taskInstances: TaskInstance[], workflowState: string): InstanceDagView {
  const instances = latestInstances(taskInstances);
  const workflowDone = isWorkflowFinished(workflowState);
  const nodes = new Map<number, NodeView>();
  const edges = new Map<string, EdgeView>();
  const skipSeeds = new Set<number>();
  const chosenTargets = new Set<number>();

  for (const [code, task] of model.byCode) {
    const ti = instances.get(code);
    if (ti) nodes.set(code, { status: ti.state, instance: ti });
    const branches = branchesOf(task);
    if (!ti || !branches.length) continue;
    const chosen = chosenBranchIndex(task, ti, instances);
    if (chosen === null) continue;
    nodes.get(code)!.chosenBranch = branches[chosen].label;
    branches.forEach((branch, index) => {
      for (const target of branch.codes) {
        if (!model.byCode.has(target)) continue;
        const key = edgeKey(code, target);
        if (index === chosen) {
          chosenTargets.add(target);
          edges.set(key, 'taken');
        } else {
          skipSeeds.add(target);
          if (edges.get(key) !== 'taken') edges.set(key, 'skipped');
        }
      }
    });
  }
  // A task listed under the chosen branch runs even if another branch also lists it.
  for (const target of chosenTargets) skipSeeds.delete(target);

  for (const code of topologicalOrder(model)) {
    if (nodes.has(code)) continue;
    const task = model.byCode.get(code)!;
    const preds = model.predecessors.get(code) ?? [];
    const allPredsSkipped = preds.length > 0 && preds.every((pred) => nodes.get(pred)?.status === 'SKIPPED');
    if (task.flag === 'NO') nodes.set(code, { status: 'FORBIDDEN' });
    else if (skipSeeds.has(code) || allPredsSkipped) nodes.set(code, { status: 'SKIPPED' });
    else nodes.set(code, { status: workflowDone ? 'NOT_RUN' : 'PENDING' });
  }

  for (const edge of model.edges) {
    const key = edgeKey(edge.from, edge.to);
    if (edges.has(key)) continue;
    const from = nodes.get(edge.from);
    const to = nodes.get(edge.to);
    if (from?.status === 'SKIPPED' || to?.status === 'SKIPPED') edges.set(key, 'skipped');
    else edges.set(key, from?.instance && to?.instance ? 'taken' : 'normal');
  }
  return { nodes, edges };
}
