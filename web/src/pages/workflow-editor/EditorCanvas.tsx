// The editable canvas (@xyflow/react): tasks as nodes with an input handle on the left and an
// output handle on the right; drag from one task's right handle to another's left handle to
// connect; drag nodes to move them (one undo step per drag); Delete/Backspace removes the
// selection; palette items dropped here become tasks. The graph itself lives in the parent:
// this component only reports intents (connect, move, delete, drop, open).
import { DragEvent, memo, useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Connection,
  Controls,
  Edge as FlowEdge,
  EdgeChange,
  Handle,
  MarkerType,
  MiniMap,
  Node,
  NodeChange,
  NodeProps,
  NodeToolbar,
  Position,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Button, Tooltip } from 'antd';
import { CopyOutlined, DeleteOutlined, EditOutlined, WarningFilled } from '@ant-design/icons';
import { TaskTypeIcon } from '../../components/TaskTypeIcon';
import { branchesOf } from '../../lib/taskParams';
import { connectProblem, EditorGraph, EditorTask, edgeId, Edge, NODE_HEIGHT, NODE_WIDTH, Point } from './model';
import type { TextFn } from './editorText';
import type { FieldErrors } from './validation';

export const PALETTE_MIME = 'application/x-porpoise-task-type';

type NodeData = {
  task: EditorTask;
  problems: string[];
  readOnly: boolean;
  tx: TextFn;
  onOpen: (code: number) => void;
  onCopy: (code: number) => void;
  onDelete: (code: number) => void;
};

const EditorNode = memo(function EditorNode({ data, selected }: NodeProps<Node<NodeData>>) {
  const { task, problems, tx } = data;
  const invalid = problems.length > 0;
  const className = ['dag-node', 'editor-node', selected ? 'dag-node-selected' : '', invalid ? 'editor-node-invalid' : '', task.flag === 'NO' ? 'dag-node-skipped' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <NodeToolbar position={Position.Top} className="editor-node-toolbar">
        <Tooltip title={tx('node.edit')}>
          <Button size="small" icon={<EditOutlined />} onClick={() => data.onOpen(task.code)} data-testid="node-edit" />
        </Tooltip>
        {!data.readOnly && (
          <>
            <Tooltip title={tx('node.copy')}>
              <Button size="small" icon={<CopyOutlined />} onClick={() => data.onCopy(task.code)} data-testid="node-copy" />
            </Tooltip>
            <Tooltip title={tx('node.delete')}>
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => data.onDelete(task.code)} data-testid="node-delete" />
            </Tooltip>
          </>
        )}
      </NodeToolbar>
      <div
        className={className}
        style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
        data-testid="editor-node"
        data-task-name={task.name}
        data-task-code={String(task.code)}
        data-task-type={task.taskType}
        data-invalid={invalid ? 'true' : 'false'}
        title={invalid ? problems.join('\n') : undefined}
      >
        <Handle type="target" position={Position.Left} className="editor-handle" data-testid="handle-in" />
        <div className="dag-node-icon" style={{ color: invalid ? '#ff4d4f' : '#1677ff' }}>
          <TaskTypeIcon type={task.taskType} />
        </div>
        <div className="dag-node-body">
          <div className="dag-node-name">{task.name}</div>
          <div className="dag-node-meta">
            <span className="dag-node-type">{task.taskType}</span>
            {task.flag === 'NO' && <span className="dag-node-type">{tx('node.disabled')}</span>}
          </div>
          {invalid && (
            <div className="editor-node-problem" data-testid="node-problem">
              <WarningFilled /> {problems[0]}
            </div>
          )}
        </div>
        <Handle type="source" position={Position.Right} className="editor-handle" data-testid="handle-out" />
      </div>
    </>
  );
});

const nodeTypes = { editorTask: EditorNode };

function edgeLabels(graph: EditorGraph, tx: TextFn): Map<string, string> {
  const labels = new Map<string, string>();
  for (const task of graph.tasks) {
    for (const branch of branchesOf({ taskType: task.taskType, taskParams: task.params })) {
      const label =
        branch.kind === 'condition' ? branch.label || '?' : branch.kind === 'default' ? tx('edge.default') : branch.kind === 'success' ? tx('edge.success') : tx('edge.failure');
      for (const code of branch.codes) {
        const key = `${task.code}->${code}`;
        labels.set(key, labels.has(key) ? `${labels.get(key)} | ${label}` : label);
      }
    }
  }
  return labels;
}

export function EditorCanvas({
  graph,
  errors,
  readOnly,
  tx,
  onConnect,
  onConnectRefused,
  onMoved,
  onDelete,
  onDropType,
  onOpen,
  onCopy,
  onSelection,
}: {
  graph: EditorGraph;
  errors: Map<number, FieldErrors>;
  readOnly: boolean;
  tx: TextFn;
  onConnect: (from: number, to: number) => void;
  onConnectRefused: (reason: string) => void;
  onMoved: (moves: Record<number, Point>) => void;
  onDelete: (codes: number[], edges: Edge[]) => void;
  onDropType: (type: string, at: Point) => void;
  onOpen: (code: number) => void;
  onCopy: (code: number) => void | Promise<void>;
  onSelection: (codes: number[], edges: Edge[]) => void;
}) {
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<Node<NodeData>[]>([]);
  const [edges, setEdges] = useState<FlowEdge[]>([]);
  // Fit a loaded workflow into view once; an empty canvas keeps its viewport, so the first
  // dropped task stays where it was dropped.
  const [fitOnLoad] = useState(() => graph.tasks.length > 0);
  const labels = useMemo(() => edgeLabels(graph, tx), [graph, tx]);
  const deleteOne = useCallback((code: number) => onDelete([code], []), [onDelete]);

  // Rebuild the flow's nodes from the graph, keeping what the flow itself tracks (measured
  // size, selection).
  useEffect(() => {
    setNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return graph.tasks.map((task) => {
        const id = String(task.code);
        const old = before.get(id);
        const problems = Object.values(errors.get(task.code) ?? {});
        return {
          ...(old ?? {}),
          id,
          type: 'editorTask',
          position: graph.positions[task.code] ?? { x: 0, y: 0 },
          data: { task, problems, readOnly, tx, onOpen, onCopy, onDelete: deleteOne },
          draggable: !readOnly,
          connectable: !readOnly,
          deletable: !readOnly,
        };
      });
    });
  }, [graph, errors, readOnly, tx, onOpen, onCopy, deleteOne]);

  useEffect(() => {
    setEdges((previous) => {
      const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
      return graph.edges.map((e) => {
        const id = edgeId(e);
        const label = labels.get(id);
        return {
          id,
          source: String(e.from),
          target: String(e.to),
          type: 'smoothstep',
          selected: selected.has(id),
          deletable: !readOnly,
          label,
          labelStyle: { fontSize: 11, fill: '#434343' },
          labelBgStyle: { fill: '#ffffff' },
          style: { strokeWidth: 1.6 },
          markerEnd: { type: MarkerType.ArrowClosed },
          interactionWidth: 16,
        };
      });
    });
  }, [graph.edges, labels, readOnly]);

  const onNodesChange = useCallback((changes: NodeChange<Node<NodeData>>[]) => {
    setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), current));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((current) => applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), current));
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | FlowEdge) => !readOnly && connectProblem(graph, Number(c.source), Number(c.target)) === null,
    [graph, readOnly],
  );

  const handleConnect = useCallback(
    (c: Connection) => {
      const from = Number(c.source);
      const to = Number(c.target);
      const problem = connectProblem(graph, from, to);
      if (problem) onConnectRefused(tx(`connect.${problem}`));
      else onConnect(from, to);
    },
    [graph, onConnect, onConnectRefused, tx],
  );

  const onDragOver = (event: DragEvent) => {
    if (readOnly || !event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(PALETTE_MIME);
    if (readOnly || !type) return;
    event.preventDefault();
    const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    onDropType(type, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) });
  };

  return (
    <div className="editor-canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="editor-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={handleConnect}
        isValidConnection={isValidConnection}
        onNodeDragStop={(_, __, dragged) => {
          const moves: Record<number, Point> = {};
          for (const n of dragged) moves[Number(n.id)] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
          onMoved(moves);
        }}
        onDelete={({ nodes: gone, edges: cut }) =>
          onDelete(
            gone.map((n) => Number(n.id)),
            cut.map((e) => ({ from: Number(e.source), to: Number(e.target) })),
          )
        }
        onNodeDoubleClick={(_, node) => onOpen(Number(node.id))}
        onSelectionChange={({ nodes: n, edges: e }) =>
          onSelection(
            n.map((x) => Number(x.id)),
            e.map((x) => ({ from: Number(x.source), to: Number(x.target) })),
          )
        }
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        fitView={fitOnLoad}
        fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
        minZoom={0.2}
        maxZoom={2}
        snapToGrid
        snapGrid={[10, 10]}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} color="#e3e6ea" />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable className="editor-minimap" />
      </ReactFlow>
      {graph.tasks.length === 0 && (
        <div className="editor-empty-hint" data-testid="editor-empty">
          {tx('canvas.empty')}
        </div>
      )}
    </div>
  );
}
