// Read-only drawing of a workflow DAG with @xyflow/react and an automatic dagre layout.
// Without `view` it shows the definition (task types and branch labels); with `view` each task is
// coloured by its instance state, skipped tasks are greyed and dashed, and the edges a SWITCH or
// CONDITIONS task chose are highlighted. Clicking a task calls onSelect with its code.
import { memo, useMemo } from 'react';
import {
  Background,
  Controls,
  Edge,
  Handle,
  MarkerType,
  MiniMap,
  Node,
  NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Tooltip } from 'antd';
import type { TaskDefinition } from '../api/types';
import { DagModel, layoutDag, NODE_HEIGHT, NODE_WIDTH } from '../lib/dag';
import { edgeKey, InstanceDagView, NodeView } from '../lib/instanceDag';
import { taskStateMeta } from '../lib/states';
import { branchesOf } from '../lib/taskParams';
import { useT } from '../i18n';
import { TaskTypeIcon } from './TaskTypeIcon';

type TaskNodeData = {
  task: TaskDefinition;
  view?: NodeView;
  selected?: boolean;
};

const TaskNode = memo(function TaskNode({ data }: NodeProps<Node<TaskNodeData>>) {
  const t = useT();
  const { task, view } = data;
  const status = view?.status;
  const meta = status ? taskStateMeta(status) : null;
  const skipped = status === 'SKIPPED' || status === 'FORBIDDEN';
  const color = meta?.color ?? '#1677ff';
  const className = [
    'dag-node',
    skipped ? 'dag-node-skipped' : '',
    meta?.active ? 'dag-node-active' : '',
    data.selected ? 'dag-node-selected' : '',
  ].join(' ');
  return (
    <div
      className={className}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT, borderLeftColor: color }}
      data-testid="dag-node"
      data-task-name={task.name}
      data-task-code={String(task.code)}
      data-status={status ?? ''}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="dag-node-icon" style={{ color }}>
        <TaskTypeIcon type={task.taskType} />
      </div>
      <div className="dag-node-body">
        <Tooltip title={task.name} mouseEnterDelay={0.6}>
          <div className="dag-node-name">{task.name}</div>
        </Tooltip>
        <div className="dag-node-meta">
          <span className="dag-node-type">{task.taskType}</span>
          {meta && (
            <span className="dag-node-state" style={{ color }}>
              {t(meta.label)}
            </span>
          )}
        </div>
        {view?.chosenBranch && (
          <div className="dag-node-branch" data-testid="chosen-branch">
            → {view.chosenBranch === 'default' ? t('dag.defaultBranch') : view.chosenBranch}
          </div>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { task: TaskNode };

function edgeLabels(model: DagModel): Map<string, string> {
  const labels = new Map<string, string>();
  for (const task of model.tasks) {
    for (const branch of branchesOf(task)) {
      for (const code of branch.codes) {
        const key = edgeKey(Number(task.code), code);
        const label = branch.kind === 'condition' ? branch.label : branch.kind;
        labels.set(key, labels.has(key) ? `${labels.get(key)} | ${label}` : label);
      }
    }
  }
  return labels;
}

export function DagGraph({
  model,
  view,
  selectedCode,
  onSelect,
  height = 520,
}: {
  model: DagModel;
  view?: InstanceDagView;
  selectedCode?: number | null;
  onSelect?: (code: number) => void;
  height?: number;
}) {
  const t = useT();
  const positions = useMemo(() => layoutDag(model), [model]);
  const labels = useMemo(() => edgeLabels(model), [model]);

  const nodes = useMemo<Node<TaskNodeData>[]>(
    () =>
      model.tasks.map((task) => ({
        id: String(task.code),
        type: 'task',
        position: positions.get(Number(task.code)) ?? { x: 0, y: 0 },
        data: { task, view: view?.nodes.get(Number(task.code)), selected: selectedCode === Number(task.code) },
        draggable: false,
        connectable: false,
      })),
    [model, positions, view, selectedCode],
  );

  const edges = useMemo<Edge[]>(
    () =>
      model.edges.map(({ from, to }) => {
        const key = edgeKey(from, to);
        const state = view?.edges.get(key) ?? 'normal';
        const label = labels.get(key);
        const stroke = state === 'taken' ? '#389e0d' : state === 'skipped' ? '#bfbfbf' : '#8c8c8c';
        return {
          id: key,
          source: String(from),
          target: String(to),
          type: 'smoothstep',
          animated: state === 'taken' && view?.nodes.get(to)?.status === 'RUNNING_EXECUTION',
          label: label ? (label === 'default' ? t('dag.defaultBranch') : label === 'success' ? t('dag.onSuccess') : label === 'failure' ? t('dag.onFailure') : label) : undefined,
          labelStyle: { fontSize: 11, fill: state === 'skipped' ? '#8c8c8c' : '#434343' },
          labelBgStyle: { fill: '#ffffff' },
          style: { stroke, strokeWidth: state === 'taken' ? 2 : 1.4, strokeDasharray: state === 'skipped' ? '6 4' : undefined },
          markerEnd: { type: MarkerType.ArrowClosed, color: stroke },
        };
      }),
    [model, view, labels, t],
  );

  return (
    <div className="dag-canvas" style={{ height }} data-testid="dag-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => onSelect?.(Number(node.id))}
      >
        <Background gap={20} size={1} color="#e8e8e8" />
        <Controls showInteractive={false} />
        {model.tasks.length > 12 && <MiniMap pannable zoomable />}
      </ReactFlow>
    </div>
  );
}
