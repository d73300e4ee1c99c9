// The graph of a workflow definition: tasks as nodes, relations as edges (a relation whose
// preTaskCode is 0 only marks a root), laid out left-to-right with dagre.
import dagre from '@dagrejs/dagre';
import type { DagData, TaskDefinition } from '../api/types';

export interface DagEdge {
  from: number;
  to: number;
}

export interface DagModel {
  tasks: TaskDefinition[];
  byCode: Map<number, TaskDefinition>;
  edges: DagEdge[];
  predecessors: Map<number, number[]>;
  successors: Map<number, number[]>;
}

export function buildDag(dag: Pick<DagData, 'taskDefinitionList' | 'processTaskRelationList'>): DagModel {
  const tasks = dag.taskDefinitionList ?? [];
  const byCode = new Map<number, TaskDefinition>();
  for (const task of tasks) byCode.set(Number(task.code), task);
  const edges: DagEdge[] = [];
  const seen = new Set<string>();
  for (const relation of dag.processTaskRelationList ?? []) {
    const from = Number(relation.preTaskCode);
    const to = Number(relation.postTaskCode);
    if (!from || !byCode.has(from) || !byCode.has(to)) continue;
    const key = `${from}->${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from, to });
  }
  const predecessors = new Map<number, number[]>();
  const successors = new Map<number, number[]>();
  for (const code of byCode.keys()) {
    predecessors.set(code, []);
    successors.set(code, []);
  }
  for (const edge of edges) {
    predecessors.get(edge.to)!.push(edge.from);
    successors.get(edge.from)!.push(edge.to);
  }
  return { tasks, byCode, edges, predecessors, successors };
}

/** Task codes in an order where every task comes after its predecessors (cycles broken arbitrarily). */
export function topologicalOrder(model: DagModel): number[] {
  const indegree = new Map<number, number>();
  for (const [code, preds] of model.predecessors) indegree.set(code, preds.length);
  const queue = [...indegree.entries()].filter(([, d]) => d === 0).map(([code]) => code);
  const order: number[] = [];
  while (queue.length) {
    const code = queue.shift()!;
    order.push(code);
    for (const next of model.successors.get(code) ?? []) {
      const d = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, d);
      if (d === 0) queue.push(next);
    }
  }
  for (const code of model.byCode.keys()) if (!order.includes(code)) order.push(code);
  return order;
}

export interface Position {
  x: number;
  y: number;
}

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 64;

/** Top-left positions for each task, from dagre's layered layout. */
export function layoutDag(model: DagModel, direction: 'LR' | 'TB' = 'LR'): Map<number, Position> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: direction, nodesep: 36, ranksep: 110, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const code of model.byCode.keys()) graph.setNode(String(code), { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of model.edges) graph.setEdge(String(edge.from), String(edge.to));
  dagre.layout(graph);
  const positions = new Map<number, Position>();
  for (const code of model.byCode.keys()) {
    const node = graph.node(String(code));
    positions.set(code, { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 });
  }
  return positions;
}
