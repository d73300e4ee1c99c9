// The editor around one workflow: toolbar, palette, canvas, the task drawer and the save
// dialog. It owns the graph (with undo/redo), the workflow settings, the dirty state (the leave
// guard asks before unsaved work is dropped) and the errors to show: client validation once a
// save was attempted, and whatever the server rejected, placed on the task/field it names.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Divider, Space, Tag, Tooltip, Typography } from 'antd';
import {
  ApartmentOutlined,
  CloseOutlined,
  CopyOutlined,
  DeleteOutlined,
  ExpandOutlined,
  RedoOutlined,
  SaveOutlined,
  SettingOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useReactFlow } from '@xyflow/react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { definitionsApi } from '../../api/services';
import { editorApi } from './editorApi';
import { EditorCanvas } from './EditorCanvas';
import type { TextFn } from './editorText';
import { useHistory } from './history';
import { useLeaveGuard } from './leaveGuard';
import {
  addTask,
  autoLayout,
  connect,
  copyTask,
  Edge,
  EditorGraph,
  fingerprint,
  moveTasks,
  newTask,
  NODE_HEIGHT,
  NODE_WIDTH,
  Point,
  removeEdges,
  removeTasks,
  saveRequest,
  taskByCode,
  uniqueName,
  updateTask,
  WorkflowSettings,
} from './model';
import { Palette } from './Palette';
import { editorEditPath } from './routes';
import { SaveDialog } from './SaveDialog';
import { locateServerError } from './serverErrors';
import { TaskDrawer } from './TaskDrawer';
import { FieldErrors, validateGraph } from './validation';

export interface WorkspaceProps {
  projectCode: number;
  /** undefined while creating a new workflow */
  workflowCode?: number;
  version?: number;
  initialGraph: EditorGraph;
  initialSettings: WorkflowSettings;
  tx: TextFn;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest?.('.ant-drawer, .ant-modal');
}

export function EditorWorkspace({ projectCode, workflowCode, version, initialGraph, initialSettings, tx }: WorkspaceProps) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const flow = useReactFlow();
  const history = useHistory(initialGraph);
  const graph = history.present;
  const [settings, setSettings] = useState(initialSettings);
  const [savedPrint, setSavedPrint] = useState(() => (workflowCode ? fingerprint(initialGraph, initialSettings) : ''));
  const [currentVersion, setCurrentVersion] = useState(version);
  const [openCode, setOpenCode] = useState<number | null>(null);
  const [selection, setSelection] = useState<{ codes: number[]; edges: Edge[] }>({ codes: [], edges: [] });
  const [serverTaskErrors, setServerTaskErrors] = useState<Map<number, FieldErrors>>(new Map());
  const [serverBanner, setServerBanner] = useState<string | null>(null);
  const [revealErrors, setRevealErrors] = useState(false);
  const [revealed, setRevealed] = useState<Set<number>>(new Set());
  const [saveOpen, setSaveOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [settingsErrors, setSettingsErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<string | undefined>();
  const codePool = useRef<number[]>([]);

  const dirty = graph.tasks.length > 0 || !!workflowCode ? fingerprint(graph, settings) !== savedPrint : false;
  const guard = useLeaveGuard(dirty, () =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title: tx('leave.title'),
        content: tx('leave.text'),
        okText: tx('leave.discard'),
        cancelText: tx('leave.stay'),
        okType: 'danger',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    ),
  );

  const clientErrors = useMemo(() => validateGraph(graph, tx), [graph, tx]);
  const shownErrors = useMemo(() => {
    const merged = new Map<number, FieldErrors>();
    for (const [code, errs] of clientErrors) if (revealErrors || revealed.has(code)) merged.set(code, { ...errs });
    for (const [code, errs] of serverTaskErrors) if (taskByCode(graph, code)) merged.set(code, { ...(merged.get(code) ?? {}), ...errs });
    return merged;
  }, [clientErrors, serverTaskErrors, revealErrors, revealed, graph]);

  const takeCode = useCallback(async (): Promise<number> => {
    if (!codePool.current.length) codePool.current = (await editorApi.genTaskCodes(projectCode, 10)).map(Number);
    return codePool.current.shift()!;
  }, [projectCode]);

  const addOfType = useCallback(
    async (type: string, at?: Point) => {
      try {
        const code = await takeCode();
        const position = at ?? (() => {
          const box = document.querySelector('.editor-canvas')?.getBoundingClientRect();
          const p = flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 800) / 2, y: (box?.top ?? 0) + (box?.height ?? 600) / 2 });
          return { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) };
        })();
        const task = newTask(code, type, uniqueName(type.toLowerCase(), graph));
        if (type === 'DEPENDENT') {
          // the first dependency most often lives in the same project
          const dep = task.params.dependence as { dependTaskList: { dependItemList: Record<string, unknown>[] }[] };
          dep.dependTaskList[0].dependItemList[0].projectCode = projectCode;
        }
        history.set(addTask(graph, task, position));
        setOpenCode(code);
      } catch (error) {
        message.error(errorMessage(error));
      }
    },
    [flow, graph, history, message, projectCode, takeCode],
  );

  const copyOne = useCallback(
    async (code: number): Promise<void> => {
      if (!taskByCode(graph, code)) return;
      try {
        const newCode = await takeCode();
        history.set(copyTask(graph, code, newCode));
        message.success(tx('node.copied'));
      } catch (error) {
        message.error(errorMessage(error));
      }
    },
    [graph, history, message, takeCode, tx],
  );

  const deleteThings = useCallback(
    (codes: number[], edges: Edge[]) => {
      let next = graph;
      if (edges.length) next = removeEdges(next, edges);
      if (codes.length) next = removeTasks(next, codes);
      history.set(next);
      if (openCode !== null && codes.includes(openCode)) setOpenCode(null);
    },
    [graph, history, openCode],
  );

  // ReactFlow reports the selection whenever its nodes are rebuilt; only a real change is stored
  // (storing every report would re-render, rebuild and report again without end).
  const onSelection = useCallback((codes: number[], edges: Edge[]) => {
    setSelection((old) => {
      const same =
        old.codes.length === codes.length &&
        old.edges.length === edges.length &&
        old.codes.every((c, i) => c === codes[i]) &&
        old.edges.every((e, i) => e.from === edges[i].from && e.to === edges[i].to);
      return same ? old : { codes, edges };
    });
  }, []);

  const runLayout = useCallback(() => {
    history.set(autoLayout(graph));
    window.setTimeout(() => flow.fitView({ padding: 0.2, maxZoom: 1.1, duration: 200 }), 50);
  }, [flow, graph, history]);

  // keyboard: undo/redo, duplicate the selected task
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        history.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        history.redo();
      } else if (key === 'd' && selection.codes.length === 1) {
        event.preventDefault();
        void copyOne(selection.codes[0]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history, selection, copyOne]);

  const openTask = openCode !== null ? taskByCode(graph, openCode) ?? null : null;

  const startSave = () => {
    if (!graph.tasks.length) {
      message.warning(tx('save.empty'));
      return;
    }
    if (clientErrors.size) {
      setRevealErrors(true);
      const names = [...clientErrors.keys()].map((c) => taskByCode(graph, c)?.name).filter(Boolean);
      message.error({ content: tx('save.fixFirst', { n: clientErrors.size, names: names.join(', ') }), duration: 6 });
      return;
    }
    setSettingsErrors({});
    setSaveError(undefined);
    setSaveOpen(true);
  };

  const submitSave = async (next: WorkflowSettings) => {
    if (!graph.tasks.length) {
      setSaveError(tx('save.empty'));
      return;
    }
    if (clientErrors.size) {
      setSettings(next);
      setSaveOpen(false);
      startSave();
      return;
    }
    setSaving(true);
    setSettingsErrors({});
    setSaveError(undefined);
    try {
      const form = saveRequest(graph, next);
      const saved = workflowCode ? await editorApi.update(projectCode, workflowCode, form) : await editorApi.create(projectCode, form);
      const code = workflowCode ?? Number(saved?.code);
      setSettings(next);
      setSavedPrint(fingerprint(graph, next));
      setServerTaskErrors(new Map());
      setServerBanner(null);
      setRevealErrors(false);
      setSaveOpen(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['definitions', projectCode] }),
        queryClient.invalidateQueries({ queryKey: ['definition', projectCode] }),
        queryClient.invalidateQueries({ queryKey: ['versions', projectCode] }),
      ]);
      if (!workflowCode) {
        message.success(tx('save.created', { name: next.name }));
        if (code) guard.bypass(() => navigate(editorEditPath(projectCode, code), { replace: true }));
        return;
      }
      const fresh = await definitionsApi.get(projectCode, workflowCode).catch(() => null);
      if (fresh) setCurrentVersion(fresh.processDefinition.version);
      message.success(fresh ? tx('save.savedVersion', { version: fresh.processDefinition.version }) : tx('save.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.code > 0) {
        const located = locateServerError(error.code, error.message, graph.tasks);
        if (Object.keys(located.settings).length) {
          setSettingsErrors(located.settings);
        } else if (located.tasks.size) {
          setServerTaskErrors(located.tasks);
          setServerBanner(error.message);
          setSaveOpen(false);
          setSettings(next);
          const first = [...located.tasks.keys()][0];
          if (first !== undefined) setOpenCode(first);
        } else {
          setSaveError(errorMessage(error));
        }
      } else {
        setSaveError(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  const close = () => {
    navigate(workflowCode ? `/projects/${projectCode}/workflow/definitions/${workflowCode}` : `/projects/${projectCode}/workflow/definitions`);
  };

  const selectionCount = selection.codes.length + selection.edges.length;
  const problemCount = [...clientErrors.keys()].filter((code) => revealErrors || revealed.has(code)).length;

  return (
    <div className="editor-root" data-testid="workflow-editor" data-dirty={dirty ? 'true' : 'false'}>
      <div className="editor-toolbar">
        <Space size={8} wrap>
          <ApartmentOutlined style={{ fontSize: 18, color: '#1677ff' }} />
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="editor-title">
            {settings.name || tx('editor.newWorkflow')}
          </Typography.Text>
          {currentVersion ? <Tag data-testid="editor-version">V{currentVersion}</Tag> : <Tag color="blue">{tx('editor.new')}</Tag>}
          {dirty && (
            <Badge status="warning" text={<span data-testid="editor-dirty">{tx('editor.unsaved')}</span>} />
          )}
        </Space>
        <Space size={4} wrap>
          <Tooltip title={`${tx('toolbar.undo')} (Ctrl+Z)`}>
            <Button icon={<UndoOutlined />} disabled={!history.canUndo} onClick={history.undo} data-testid="editor-undo" />
          </Tooltip>
          <Tooltip title={`${tx('toolbar.redo')} (Ctrl+Shift+Z)`}>
            <Button icon={<RedoOutlined />} disabled={!history.canRedo} onClick={history.redo} data-testid="editor-redo" />
          </Tooltip>
          <Divider type="vertical" />
          <Tooltip title={tx('toolbar.copyHint')}>
            <Button icon={<CopyOutlined />} disabled={selection.codes.length !== 1} onClick={() => void copyOne(selection.codes[0])} data-testid="editor-copy">
              {tx('toolbar.copy')}
            </Button>
          </Tooltip>
          <Tooltip title={tx('toolbar.deleteHint')}>
            <Button icon={<DeleteOutlined />} danger disabled={!selectionCount} onClick={() => deleteThings(selection.codes, selection.edges)} data-testid="editor-delete">
              {tx('toolbar.delete')}
            </Button>
          </Tooltip>
          <Button icon={<ApartmentOutlined />} disabled={!graph.tasks.length} onClick={runLayout} data-testid="editor-layout">
            {tx('toolbar.layout')}
          </Button>
          <Tooltip title={tx('toolbar.fit')}>
            <Button icon={<ExpandOutlined />} onClick={() => flow.fitView({ padding: 0.2, maxZoom: 1.1, duration: 200 })} data-testid="editor-fit" />
          </Tooltip>
          <Divider type="vertical" />
          <Button icon={<SettingOutlined />} onClick={() => setSaveOpen(true)} data-testid="editor-settings">
            {tx('toolbar.settings')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} onClick={startSave} data-testid="editor-save">
            {tx('toolbar.save')}
          </Button>
          <Button icon={<CloseOutlined />} onClick={close} data-testid="editor-close">
            {tx('toolbar.close')}
          </Button>
        </Space>
      </div>
      {serverBanner && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setServerBanner(null)}
          message={tx('save.rejected')}
          description={serverBanner}
          className="editor-banner"
          data-testid="editor-server-error"
        />
      )}
      {problemCount > 0 && !serverBanner && (
        <Alert type="warning" showIcon message={tx('save.problems', { n: problemCount })} className="editor-banner" data-testid="editor-problems" />
      )}
      <div className="editor-body">
        <Palette onAdd={(type) => void addOfType(type)} disabled={false} tx={tx} />
        <EditorCanvas
          graph={graph}
          errors={shownErrors}
          readOnly={false}
          tx={tx}
          onConnect={(from, to) => history.set(connect(graph, from, to))}
          onConnectRefused={(reason) => message.warning(reason)}
          onMoved={(moves) => history.set(moveTasks(graph, moves))}
          onDelete={deleteThings}
          onDropType={(type, at) => void addOfType(type, at)}
          onOpen={setOpenCode}
          onCopy={copyOne}
          onSelection={onSelection}
        />
      </div>
      <TaskDrawer
        task={openTask}
        graph={graph}
        projectCode={projectCode}
        workflowCode={workflowCode}
        serverErrors={openTask ? serverTaskErrors.get(openTask.code) : undefined}
        revealErrors={revealErrors || (openTask !== null && revealed.has(openTask.code))}
        tx={tx}
        onClose={() => setOpenCode(null)}
        onApply={(edited, withProblems) => {
          history.set(updateTask(graph, edited));
          if (withProblems) setRevealed((set) => new Set(set).add(edited.code));
          if (serverTaskErrors.has(edited.code)) {
            const rest = new Map(serverTaskErrors);
            rest.delete(edited.code);
            setServerTaskErrors(rest);
          }
          setOpenCode(null);
        }}
      />
      <SaveDialog
        open={saveOpen}
        initial={settings}
        isNew={!workflowCode}
        saving={saving}
        serverErrors={settingsErrors}
        generalError={saveError}
        tx={tx}
        onCancel={(edited) => {
          setSettings(edited);
          setSaveOpen(false);
        }}
        onSubmit={(next) => void submitSave(next)}
      />
    </div>
  );
}

