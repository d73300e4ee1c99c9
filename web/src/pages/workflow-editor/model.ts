// The editor's graph of a workflow and every change made to it, as pure functions.
//
// Contract: an EditorGraph holds tasks (with their taskParams as an object), directed edges
// between task codes and a canvas position per task. Every function returns a new graph and
// keeps it consistent: no edge to a missing task, no duplicate edge, no cycle (connect refuses),
// SWITCH/CONDITIONS branch targets always have an edge from the branching task, and deleting a
// task or a branch edge removes every reference to it from the other tasks' parameters.
// graphFromDag/saveRequest convert from/to the DolphinScheduler REST shapes (ds-api.md §3.5).
import type { DagData, Property, TaskDefinition } from '../../api/types';
import { buildDag, layoutDag, NODE_HEIGHT, NODE_WIDTH } from '../../lib/dag';
import { Params, parseTaskParams, toCodes } from '../../lib/taskParams';
import { defaultParams } from './taskTypes';

export interface EditorTask {
  code: number;
  version: number;
  name: string;
  description: string;
  taskType: string;
  params: Params;
  flag: 'YES' | 'NO';
  taskPriority: string;
  workerGroup: string;
  environmentCode: number;
  failRetryTimes: number;
  failRetryInterval: number;
  delayTime: number;
  timeoutFlag: 'OPEN' | 'CLOSE';
  timeoutNotifyStrategy: '' | 'WARN' | 'FAILED' | 'WARNFAILED';
  timeout: number;
  taskGroupId: number;
  taskGroupPriority: number;
  cpuQuota: number;
  memoryMax: number;
}

export interface Edge {
  from: number;
  to: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface EditorGraph {
  tasks: EditorTask[];
  edges: Edge[];
  positions: Record<number, Point>;
}

export interface WorkflowSettings {
  name: string;
  description: string;
  tenantCode: string;
  globalParams: Property[];
  timeout: number;
  executionType: string;
}

export const EMPTY_GRAPH: EditorGraph = { tasks: [], edges: [], positions: {} };

export const DEFAULT_SETTINGS: WorkflowSettings = {
  name: '',
  description: '',
  tenantCode: 'default',
  globalParams: [],
  timeout: 0,
  executionType: 'PARALLEL',
};

export const edgeId = (e: Edge) => `${e.from}->${e.to}`;

const num = (value: unknown, fallback: number) => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
};

export function newTask(code: number, taskType: string, name: string): EditorTask {
  return {
    code,
    version: 0,
    name,
    description: '',
    taskType,
    params: defaultParams(taskType),
    flag: 'YES',
    taskPriority: 'MEDIUM',
    workerGroup: 'default',
    environmentCode: -1,
    failRetryTimes: 0,
    failRetryInterval: 1,
    delayTime: 0,
    timeoutFlag: 'CLOSE',
    timeoutNotifyStrategy: '',
    timeout: 0,
    taskGroupId: 0,
    taskGroupPriority: 0,
    cpuQuota: -1,
    memoryMax: -1,
  };
}

export function taskFromDefinition(def: TaskDefinition & Record<string, unknown>): EditorTask {
  const strategy = String(def.timeoutNotifyStrategy ?? '');
  return {
    code: Number(def.code),
    version: num(def.version, 0),
    name: def.name ?? '',
    description: def.description ?? '',
    taskType: String(def.taskType ?? '').toUpperCase(),
    params: { localParams: [], resourceList: [], ...parseTaskParams(def.taskParams) },
    flag: def.flag === 'NO' ? 'NO' : 'YES',
    taskPriority: def.taskPriority || 'MEDIUM',
    workerGroup: def.workerGroup || 'default',
    environmentCode: num(def.environmentCode, -1),
    failRetryTimes: num(def.failRetryTimes, 0),
    failRetryInterval: num(def.failRetryInterval, 1),
    delayTime: num(def.delayTime, 0),
    timeoutFlag: def.timeoutFlag === 'OPEN' ? 'OPEN' : 'CLOSE',
    timeoutNotifyStrategy: strategy === 'WARN' || strategy === 'FAILED' || strategy === 'WARNFAILED' ? strategy : '',
    timeout: num(def.timeout, 0),
    taskGroupId: num(def.taskGroupId, 0),
    taskGroupPriority: num(def.taskGroupPriority, 0),
    cpuQuota: num(def.cpuQuota, -1),
    memoryMax: num(def.memoryMax, -1),
  };
}

function parseList<T>(raw: unknown): T[] {
  if (Array.isArray(raw)) return raw as T[];
  if (typeof raw === 'string' && raw.trim()) {
    try {
      const value = JSON.parse(raw);
      return Array.isArray(value) ? value : [];
    } catch {
      return [];
    }
  }
  return [];
}

/** Positions for every task: the saved locations where present, a dagre layout otherwise. */
export function graphFromDag(dag: DagData): { graph: EditorGraph; settings: WorkflowSettings } {
  const tasks = (dag.taskDefinitionList ?? []).map((t) => taskFromDefinition(t as TaskDefinition & Record<string, unknown>));
  const codes = new Set(tasks.map((t) => t.code));
  const edges: Edge[] = [];
  const seen = new Set<string>();
  for (const r of dag.processTaskRelationList ?? []) {
    const e = { from: Number(r.preTaskCode), to: Number(r.postTaskCode) };
    if (!e.from || !codes.has(e.from) || !codes.has(e.to) || seen.has(edgeId(e))) continue;
    seen.add(edgeId(e));
    edges.push(e);
  }
  const saved = new Map<number, Point>();
  for (const loc of parseList<{ taskCode: number; x: number; y: number }>(dag.processDefinition.locations)) {
    if (codes.has(Number(loc.taskCode)) && Number.isFinite(loc.x) && Number.isFinite(loc.y)) {
      saved.set(Number(loc.taskCode), { x: Number(loc.x), y: Number(loc.y) });
    }
  }
  let graph: EditorGraph = { tasks, edges, positions: {} };
  if (saved.size === tasks.length) {
    for (const [code, p] of saved) graph.positions[code] = p;
  } else {
    graph = autoLayout(graph);
    for (const [code, p] of saved) graph.positions[code] = p;
  }
  const def = dag.processDefinition;
  const globals = def.globalParamList ?? parseList<Property>(def.globalParams);
  const settings: WorkflowSettings = {
    name: def.name ?? '',
    description: def.description ?? '',
    tenantCode: def.tenantCode || 'default',
    globalParams: globals.map((p) => ({ prop: p.prop, value: p.value ?? '', direct: p.direct ?? 'IN', type: p.type ?? 'VARCHAR' })),
    timeout: num(def.timeout, 0),
    executionType: def.executionType || 'PARALLEL',
  };
  return { graph, settings };
}

export function autoLayout(graph: EditorGraph): EditorGraph {
  const model = buildDag({
    taskDefinitionList: graph.tasks.map((t) => ({ code: t.code, name: t.name, taskType: t.taskType, taskParams: t.params })),
    processTaskRelationList: graph.edges.map((e) => ({ preTaskCode: e.from, postTaskCode: e.to })),
  });
  const positions: Record<number, Point> = {};
  for (const [code, p] of layoutDag(model)) positions[code] = { x: Math.round(p.x), y: Math.round(p.y) };
  return { ...graph, positions };
}

// ---- structure queries -------------------------------------------------------------------

export function taskByCode(graph: EditorGraph, code: number): EditorTask | undefined {
  return graph.tasks.find((t) => t.code === code);
}

function reachable(graph: EditorGraph, start: number, forward: boolean): Set<number> {
  const seen = new Set<number>();
  const stack = [start];
  while (stack.length) {
    const code = stack.pop()!;
    for (const e of graph.edges) {
      const next = forward ? (e.from === code ? e.to : null) : e.to === code ? e.from : null;
      if (next !== null && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

export const descendantsOf = (graph: EditorGraph, code: number) => reachable(graph, code, true);
export const ancestorsOf = (graph: EditorGraph, code: number) => reachable(graph, code, false);

export type ConnectProblem = 'self' | 'duplicate' | 'cycle' | 'missing';

/** Why an edge from → to cannot be added, or null when it can. */
export function connectProblem(graph: EditorGraph, from: number, to: number): ConnectProblem | null {
  if (from === to) return 'self';
  if (!taskByCode(graph, from) || !taskByCode(graph, to)) return 'missing';
  if (graph.edges.some((e) => e.from === from && e.to === to)) return 'duplicate';
  if (descendantsOf(graph, to).has(from)) return 'cycle';
  return null;
}

// ---- branch references -------------------------------------------------------------------

interface Group {
  relation?: string;
  dependItemList?: Params[];
}

/** Codes a SWITCH or CONDITIONS task sends the run to (its downstream branch targets). */
export function branchTargets(task: EditorTask): number[] {
  const p = task.params;
  if (task.taskType === 'SWITCH') {
    const r = parseTaskParams(p.switchResult);
    const list = Array.isArray(r.dependTaskList) ? (r.dependTaskList as Params[]) : [];
    return unique([...list.flatMap((b) => toCodes(b.nextNode)), ...toCodes(r.nextNode)]);
  }
  if (task.taskType === 'CONDITIONS') {
    const r = parseTaskParams(p.conditionResult);
    return unique([...toCodes(r.successNode), ...toCodes(r.failedNode)]);
  }
  return [];
}

/** Upstream tasks a CONDITIONS task checks the state of. */
export function conditionSources(task: EditorTask): number[] {
  if (task.taskType !== 'CONDITIONS') return [];
  const dep = parseTaskParams(task.params.dependence);
  const groups = Array.isArray(dep.dependTaskList) ? (dep.dependTaskList as Group[]) : [];
  return unique(groups.flatMap((g) => (g.dependItemList ?? []).flatMap((i) => toCodes(i.depTaskCode))));
}

function unique(codes: number[]): number[] {
  return [...new Set(codes)];
}

const dropCode = (value: unknown, code: number): unknown => {
  if (Array.isArray(value)) return value.filter((v) => Number(v) !== code);
  return value !== null && value !== undefined && Number(value) === code ? null : value;
};

/** The task's params with every reference to `code` removed (branch targets, checked tasks). */
export function withoutReference(task: EditorTask, code: number): EditorTask {
  const p = task.params;
  if (task.taskType === 'SWITCH') {
    const r = parseTaskParams(p.switchResult);
    const list = Array.isArray(r.dependTaskList) ? (r.dependTaskList as Params[]) : [];
    if (!branchTargets(task).includes(code)) return task;
    return {
      ...task,
      params: {
        ...p,
        switchResult: {
          ...r,
          dependTaskList: list.map((b) => ({ ...b, nextNode: dropCode(b.nextNode, code) })),
          nextNode: dropCode(r.nextNode, code),
        },
      },
    };
  }
  if (task.taskType === 'CONDITIONS') {
    if (!branchTargets(task).includes(code) && !conditionSources(task).includes(code)) return task;
    const r = parseTaskParams(p.conditionResult);
    const dep = parseTaskParams(p.dependence);
    const groups = Array.isArray(dep.dependTaskList) ? (dep.dependTaskList as Group[]) : [];
    return {
      ...task,
      params: {
        ...p,
        conditionResult: { ...r, successNode: toCodes(r.successNode).filter((c) => c !== code), failedNode: toCodes(r.failedNode).filter((c) => c !== code) },
        dependence: {
          ...dep,
          dependTaskList: groups.map((g) => ({ ...g, dependItemList: (g.dependItemList ?? []).filter((i) => Number(i.depTaskCode) !== code) })),
        },
      },
    };
  }
  return task;
}

// ---- edits ------------------------------------------------------------------------------

export function addTask(graph: EditorGraph, task: EditorTask, at: Point): EditorGraph {
  return { tasks: [...graph.tasks, task], edges: graph.edges, positions: { ...graph.positions, [task.code]: at } };
}

export function connect(graph: EditorGraph, from: number, to: number): EditorGraph {
  if (connectProblem(graph, from, to)) return graph;
  return { ...graph, edges: [...graph.edges, { from, to }] };
}

/** Removes edges; a removed edge out of a SWITCH/CONDITIONS task also clears that branch, and a
 * removed edge into a CONDITIONS task drops the checks of that upstream task. */
export function removeEdges(graph: EditorGraph, remove: Edge[]): EditorGraph {
  const ids = new Set(remove.map(edgeId));
  let tasks = graph.tasks;
  for (const e of remove) {
    tasks = tasks.map((t) => {
      if (t.code === e.from && branchTargets(t).includes(e.to)) return withoutReference(t, e.to);
      if (t.code === e.to && conditionSources(t).includes(e.from)) return withoutReference(t, e.from);
      return t;
    });
  }
  return { ...graph, tasks, edges: graph.edges.filter((e) => !ids.has(edgeId(e))) };
}

export function removeTasks(graph: EditorGraph, codes: number[]): EditorGraph {
  const gone = new Set(codes);
  let tasks = graph.tasks.filter((t) => !gone.has(t.code));
  for (const code of codes) tasks = tasks.map((t) => withoutReference(t, code));
  const positions = { ...graph.positions };
  for (const code of codes) delete positions[code];
  return { tasks, edges: graph.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)), positions };
}

/**
 * Replaces a task with its edited version and keeps the edges in step with its references:
 * new branch targets get an edge from the task, branch targets it no longer names lose theirs,
 * and tasks a CONDITIONS task now checks get an edge into it. References that would close a
 * cycle are dropped from the params (the form does not offer them).
 */
export function updateTask(graph: EditorGraph, edited: EditorTask): EditorGraph {
  const before = taskByCode(graph, edited.code);
  if (!before) return graph;
  let next: EditorGraph = { ...graph, tasks: graph.tasks.map((t) => (t.code === edited.code ? edited : t)) };
  const oldTargets = new Set(branchTargets(before));
  const newTargets = new Set(branchTargets(edited));
  const stale = [...oldTargets].filter((c) => !newTargets.has(c));
  next = { ...next, edges: next.edges.filter((e) => !(e.from === edited.code && stale.includes(e.to))) };
  for (const target of newTargets) {
    if (next.edges.some((e) => e.from === edited.code && e.to === target)) continue;
    if (connectProblem(next, edited.code, target)) {
      next = { ...next, tasks: next.tasks.map((t) => (t.code === edited.code ? withoutReference(t, target) : t)) };
    } else {
      next = connect(next, edited.code, target);
    }
  }
  for (const source of conditionSources(edited)) {
    if (next.edges.some((e) => e.from === source && e.to === edited.code)) continue;
    if (connectProblem(next, source, edited.code)) {
      next = { ...next, tasks: next.tasks.map((t) => (t.code === edited.code ? withoutReference(t, source) : t)) };
    } else {
      next = connect(next, source, edited.code);
    }
  }
  return next;
}

export function moveTasks(graph: EditorGraph, moves: Record<number, Point>): EditorGraph {
  return { ...graph, positions: { ...graph.positions, ...moves } };
}

/** A name not used by any task: base, then base_1, base_2, … */
export function uniqueName(base: string, graph: EditorGraph): string {
  const names = new Set(graph.tasks.map((t) => t.name));
  if (!names.has(base)) return base;
  for (let i = 1; ; i++) if (!names.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** A copy of a task under a new code, placed beside it; branch references are not copied. */
export function copyTask(graph: EditorGraph, code: number, newCode: number): EditorGraph {
  const source = taskByCode(graph, code);
  if (!source) return graph;
  let copy: EditorTask = {
    ...source,
    code: newCode,
    version: 0,
    name: uniqueName(`${source.name}_copy`, graph),
    params: JSON.parse(JSON.stringify(source.params)),
  };
  for (const ref of [...branchTargets(copy), ...conditionSources(copy)]) copy = withoutReference(copy, ref);
  const at = graph.positions[code] ?? { x: 0, y: 0 };
  return addTask(graph, copy, { x: at.x + 40, y: at.y + NODE_HEIGHT + 30 });
}

// ---- save --------------------------------------------------------------------------------

/** The form fields of POST/PUT …/process-definition as DolphinScheduler's UI sends them. */
export function saveRequest(graph: EditorGraph, settings: WorkflowSettings): Record<string, string | number> {
  const taskDefinitionJson = graph.tasks.map((t) => ({
    code: t.code,
    version: t.version,
    name: t.name,
    description: t.description,
    taskType: t.taskType,
    taskParams: t.params,
    flag: t.flag,
    taskPriority: t.taskPriority,
    workerGroup: t.workerGroup,
    environmentCode: t.environmentCode,
    failRetryTimes: t.failRetryTimes,
    failRetryInterval: t.failRetryInterval,
    timeoutFlag: t.timeoutFlag,
    timeoutNotifyStrategy: t.timeoutFlag === 'OPEN' ? t.timeoutNotifyStrategy : '',
    timeout: t.timeoutFlag === 'OPEN' ? t.timeout : 0,
    delayTime: t.delayTime,
    taskGroupId: t.taskGroupId,
    taskGroupPriority: t.taskGroupPriority,
    cpuQuota: t.cpuQuota,
    memoryMax: t.memoryMax,
    taskExecuteType: 'BATCH',
  }));
  const relation = (pre: number, post: number) => ({
    name: '',
    preTaskCode: pre,
    preTaskVersion: 0,
    postTaskCode: post,
    postTaskVersion: 0,
    conditionType: 'NONE',
    conditionParams: {},
  });
  const withUpstream = new Set(graph.edges.map((e) => e.to));
  const taskRelationJson = [
    ...graph.tasks.filter((t) => !withUpstream.has(t.code)).map((t) => relation(0, t.code)),
    ...graph.edges.map((e) => relation(e.from, e.to)),
  ];
  const locations = graph.tasks.map((t) => {
    const p = graph.positions[t.code] ?? { x: 0, y: 0 };
    return { taskCode: t.code, x: Math.round(p.x), y: Math.round(p.y) };
  });
  const globalParams = settings.globalParams
    .filter((p) => p.prop.trim())
    .map((p) => ({ prop: p.prop.trim(), value: p.value ?? '', direct: p.direct ?? 'IN', type: p.type ?? 'VARCHAR' }));
  return {
    name: settings.name.trim(),
    description: settings.description,
    globalParams: JSON.stringify(globalParams),
    locations: JSON.stringify(locations),
    timeout: settings.timeout,
    tenantCode: settings.tenantCode || 'default',
    executionType: settings.executionType,
    taskDefinitionJson: JSON.stringify(taskDefinitionJson),
    taskRelationJson: JSON.stringify(taskRelationJson),
  };
}

/** A comparable fingerprint of what would be saved (dirty check). */
export function fingerprint(graph: EditorGraph, settings: WorkflowSettings): string {
  return JSON.stringify(saveRequest(graph, settings));
}

export { NODE_HEIGHT, NODE_WIDTH };
