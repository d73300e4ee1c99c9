// The form of one task in a side drawer: common fields, the parameters of its type, local
// parameters and execution settings. Edits happen on a draft; "Apply" checks it (validateTask)
// and hands it to the editor as one undoable step (a second click keeps a task with problems), "Cancel" drops it (asking first if changed).
// Errors the server reported for this task are shown on their field and in a banner.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Divider, Drawer, Form, Space, Tag } from 'antd';
import type { Property } from '../../api/types';
import type { Params } from '../../lib/taskParams';
import { TaskTypeIcon } from '../../components/TaskTypeIcon';
import type { EditorGraph, EditorTask } from './model';
import type { TextFn } from './editorText';
import { FieldErrors, validateTask } from './validation';
import { CommonFields } from './forms/CommonFields';
import { ConditionsParams } from './forms/ConditionsParams';
import { DependentParams } from './forms/DependentParams';
import type { ParamsFormProps } from './forms/Field';
import { HttpParams } from './forms/HttpParams';
import { LocalParams } from './forms/LocalParams';
import { DvcParams, MlflowParams, OpenmldbParams } from './forms/MlParams';
import { ScriptParams } from './forms/ScriptParams';
import { SubProcessParams } from './forms/SubProcessParams';
import { SwitchParams } from './forms/SwitchParams';

function ParamsForm(props: ParamsFormProps) {
  switch (props.task.taskType) {
    case 'SHELL':
    case 'PYTHON':
      return <ScriptParams {...props} />;
    case 'CONDITIONS':
      return <ConditionsParams {...props} />;
    case 'SWITCH':
      return <SwitchParams {...props} />;
    case 'SUB_PROCESS':
      return <SubProcessParams {...props} />;
    case 'DEPENDENT':
      return <DependentParams {...props} />;
    case 'HTTP':
      return <HttpParams {...props} />;
    case 'MLFLOW':
      return <MlflowParams {...props} />;
    case 'DVC':
      return <DvcParams {...props} />;
    case 'OPENMLDB':
      return <OpenmldbParams {...props} />;
    default:
      return <Alert type="info" showIcon message={props.tx('task.unsupportedType', { type: props.task.taskType })} />;
  }
}

/** Types whose local parameters matter (the logic types do not run anything). */
const WITHOUT_LOCAL_PARAMS = new Set(['CONDITIONS', 'SWITCH']);

export function TaskDrawer({
  task,
  graph,
  projectCode,
  workflowCode,
  serverErrors,
  revealErrors,
  onApply,
  onClose,
  tx,
}: {
  task: EditorTask | null;
  graph: EditorGraph;
  projectCode: number;
  workflowCode?: number;
  serverErrors?: FieldErrors;
  /** show validation messages right away (after a save was refused) */
  revealErrors: boolean;
  onApply: (task: EditorTask, withProblems: boolean) => void;
  onClose: () => void;
  tx: TextFn;
}) {
  const { modal } = App.useApp();
  const [draft, setDraft] = useState<EditorTask | null>(task);
  const [attempted, setAttempted] = useState(false);
  // Another task was opened: start from it in this very render (no stale draft on screen).
  const [draftOf, setDraftOf] = useState(task?.code);
  if (task?.code !== draftOf) {
    setDraftOf(task?.code);
    setDraft(task);
    setAttempted(false);
  }

  const graphWithDraft = useMemo(
    () => (draft ? { ...graph, tasks: graph.tasks.map((t) => (t.code === draft.code ? draft : t)) } : graph),
    [graph, draft],
  );
  const clientErrors = useMemo(() => (draft ? validateTask(draft, graphWithDraft, tx) : {}), [draft, graphWithDraft, tx]);
  const shownErrors: FieldErrors = { ...(serverErrors ?? {}), ...(attempted || revealErrors ? clientErrors : {}) };
  const changed = !!draft && !!task && JSON.stringify(draft) !== JSON.stringify(task);

  const update = (patch: Partial<EditorTask>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const setParams = (patch: Params) => setDraft((d) => (d ? { ...d, params: { ...d.params, ...patch } } : d));

  // With problems the first click shows them; a second click keeps the task as it is (the node
  // is marked and saving stays refused until it is fixed), so a half-configured task is not lost.
  const apply = () => {
    if (!draft) return;
    const problems = Object.keys(clientErrors).length > 0;
    if (problems && !attempted) {
      setAttempted(true);
      return;
    }
    onApply(draft, problems);
  };
  const cancel = () => {
    if (!changed) return onClose();
    modal.confirm({
      title: tx('task.discardTitle'),
      content: tx('task.discardText'),
      okText: tx('task.discard'),
      cancelText: tx('task.keepEditing'),
      okType: 'danger',
      onOk: onClose,
    });
  };

  const problemCount = Object.keys(clientErrors).length;
  const serverMessages = Object.values(serverErrors ?? {});

  return (
    <Drawer
      open={!!task}
      onClose={cancel}
      width="min(720px, 94vw)"
      destroyOnHidden
      maskClosable={false}
      title={
        draft && (
          <Space>
            <TaskTypeIcon type={draft.taskType} />
            <span data-testid="task-drawer-title">{draft.name || tx('task.untitled')}</span>
            <Tag>{draft.taskType}</Tag>
          </Space>
        )
      }
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          {attempted && problemCount > 0 && (
            <span className="editor-footer-problems" data-testid="task-problems">
              {tx('task.problems', { n: problemCount })}
            </span>
          )}
          <Button onClick={cancel} data-testid="task-cancel">
            {tx('common.cancel')}
          </Button>
          <Button type="primary" onClick={apply} data-testid="task-apply">
            {attempted && problemCount > 0 ? tx('task.applyAnyway') : tx('task.apply')}
          </Button>
        </Space>
      }
    >
      {draft && (
        <Form layout="vertical" data-testid="task-form" data-task-type={draft.taskType} className="editor-task-form">
          {serverMessages.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              message={tx('task.serverRejected')}
              description={serverMessages.join('\n')}
              data-testid="task-server-error"
            />
          )}
          <CommonFields task={draft} update={update} errors={shownErrors} tx={tx} part="identity" />
          <Divider orientation="left" plain>
            {tx('task.section.params', { type: draft.taskType })}
          </Divider>
          <ParamsForm
            task={draft}
            params={draft.params}
            setParams={setParams}
            errors={shownErrors}
            graph={graphWithDraft}
            projectCode={projectCode}
            workflowCode={workflowCode}
            tx={tx}
          />
          {!WITHOUT_LOCAL_PARAMS.has(draft.taskType) && (
            <LocalParams
              value={(Array.isArray(draft.params.localParams) ? draft.params.localParams : []) as Property[]}
              onChange={(localParams) => setParams({ localParams })}
              errors={shownErrors}
              tx={tx}
            />
          )}
          <Divider orientation="left" plain>
            {tx('task.section.execution')}
          </Divider>
          <CommonFields task={draft} update={update} errors={shownErrors} tx={tx} part="execution" />
        </Form>
      )}
    </Drawer>
  );
}
