// One workflow instance, live: state and timing, the DAG with each task's state (skipped
// branches greyed and dashed, chosen SWITCH/CONDITIONS branch highlighted), task instances with
// their logs, a gantt chart and the resolved parameters. While the instance has not finished the
// page refreshes itself every 1.5 s.
import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { instancesApi, taskInstancesApi } from '../../api/services';
import type { TaskInstance } from '../../api/types';
import { useT } from '../../i18n';
import { buildDag } from '../../lib/dag';
import { orDash } from '../../lib/format';
import { computeInstanceDag } from '../../lib/instanceDag';
import { canForceSuccess, isWorkflowFinished, TASK_STATES } from '../../lib/states';
import { GanttChart } from '../../components/charts';
import { DagGraph } from '../../components/DagGraph';
import { useAction } from '../../components/feedback';
import { LogViewer } from '../../components/LogViewer';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StateTag } from '../../components/StateTag';
import { TaskParamsView } from '../../components/TaskParamsView';
import { TaskTypeIcon } from '../../components/TaskTypeIcon';
import { useProject } from '../projects/ProjectLayout';
import { InstanceActions } from './instanceActions';

const LIVE_MS = 1500;

function Legend() {
  const t = useT();
  const shown = ['SUBMITTED_SUCCESS', 'RUNNING_EXECUTION', 'SUCCESS', 'FAILURE', 'KILL', 'FORCED_SUCCESS', 'SKIPPED', 'PENDING', 'NOT_RUN'] as const;
  return (
    <div className="dag-legend">
      {shown.map((state) => (
        <span key={state} className="dag-legend-item">
          <span
            className={`dag-legend-swatch${state === 'SKIPPED' ? ' dashed' : ''}`}
            style={{ borderColor: TASK_STATES[state].color, background: state === 'SKIPPED' || state === 'PENDING' ? '#fafafa' : TASK_STATES[state].color }}
          />
          {t(TASK_STATES[state].label)}
        </span>
      ))}
    </div>
  );
}

function parseVariables(raw: string | null | undefined): { prop: string; value?: string }[] {
  if (!raw) return [];
  try {
    const value = JSON.parse(raw);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

export function InstanceDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const project = useProject();
  const pc = project.code;
  const id = Number(useParams().instanceId);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'dag';
  const [selectedCode, setSelectedCode] = useState<number | null>(null);
  const [logTask, setLogTask] = useState<TaskInstance | null>(null);

  const instance = useQuery({
    queryKey: ['instance', pc, id],
    queryFn: () => instancesApi.get(pc, id),
    refetchInterval: (q) => (q.state.data && isWorkflowFinished(q.state.data.state) ? false : LIVE_MS),
  });
  const finished = instance.data ? isWorkflowFinished(instance.data.state) : false;
  const tasks = useQuery({
    queryKey: ['instance-tasks', pc, id],
    queryFn: () => instancesApi.tasks(pc, id),
    refetchInterval: (q) => (q.state.data && isWorkflowFinished(q.state.data.processInstanceState) && finished ? false : LIVE_MS),
  });
  const gantt = useQuery({
    queryKey: ['instance-gantt', pc, id],
    queryFn: () => instancesApi.gantt(pc, id),
    enabled: tab === 'gantt',
    refetchInterval: finished ? false : 3000,
  });
  const forceSuccess = useAction({
    run: (ti: TaskInstance) => taskInstancesApi.forceSuccess(pc, ti.id),
    success: t('task.forcedSuccess'),
    invalidate: [['instance', pc, id], ['instance-tasks', pc, id]],
  });

  const dagData = instance.data?.dagData;
  const model = useMemo(() => (dagData ? buildDag(dagData) : null), [dagData]);
  const workflowState = tasks.data?.processInstanceState ?? instance.data?.state ?? '';
  const view = useMemo(
    () => (model ? computeInstanceDag(model, tasks.data?.taskList ?? [], workflowState) : undefined),
    [model, tasks.data, workflowState],
  );
  const taskNames = useMemo(() => new Map((model?.tasks ?? []).map((task) => [Number(task.code), task.name])), [model]);
  const selectedTask = selectedCode !== null ? model?.byCode.get(selectedCode) : undefined;
  const selectedView = selectedCode !== null ? view?.nodes.get(selectedCode) : undefined;
  const refresh = () => {
    void instance.refetch();
    void tasks.refetch();
  };

  return (
    <div className="page">
      <QueryState query={instance} rows={8}>
        {(pi) => (
          <>
            <PageHeader
              title={
                <Space wrap>
                  <span data-testid="instance-title">{pi.name}</span>
                  <span data-testid="instance-state" data-state={pi.state}>
                    <StateTag state={pi.state} kind="workflow" />
                  </span>
                  {pi.dryRun === 1 && <Tag color="purple">{t('run.dryRun')}</Tag>}
                </Space>
              }
              extra={
                <InstanceActions
                  projectCode={pc}
                  instance={pi}
                  variant="buttons"
                  onDone={refresh}
                  onDeleted={() => navigate(`/projects/${pc}/workflow/instances`)}
                />
              }
            />
            <Card size="small" style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
                <Descriptions.Item label={t('instance.startTime')}>{orDash(pi.startTime)}</Descriptions.Item>
                <Descriptions.Item label={t('instance.endTime')}>{orDash(pi.endTime)}</Descriptions.Item>
                <Descriptions.Item label={t('instance.duration')}>{orDash(pi.duration)}</Descriptions.Item>
                <Descriptions.Item label={t('instance.runTimes')}>{orDash(pi.runTimes)}</Descriptions.Item>
                <Descriptions.Item label={t('instance.runType')}>{pi.commandType ? t(`command.${pi.commandType}`) : '-'}</Descriptions.Item>
                <Descriptions.Item label={t('instance.scheduleTime')}>{orDash(pi.scheduleTime)}</Descriptions.Item>
                <Descriptions.Item label={t('run.failureStrategy')}>{orDash(pi.failureStrategy)}</Descriptions.Item>
                <Descriptions.Item label={t('instance.host')}>{orDash(pi.host)}</Descriptions.Item>
                <Descriptions.Item label={t('nav.definition')}>
                  <Link to={`/projects/${pc}/workflow/definitions/${pi.processDefinitionCode}`}>
                    {dagData?.processDefinition.name ?? pi.processDefinitionCode}
                    {pi.processDefinitionVersion ? ` (V${pi.processDefinitionVersion})` : ''}
                  </Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('instance.executor')}>{orDash(pi.executorName)}</Descriptions.Item>
              </Descriptions>
            </Card>
            {!finished && (
              <Alert
                type="info"
                showIcon
                message={t('instance.live')}
                style={{ marginBottom: 12 }}
                data-testid="instance-live"
              />
            )}
            <Card styles={{ body: { padding: 0 } }}>
              <Tabs
                className="card-tabs"
                activeKey={tab}
                onChange={(key) => {
                  params.set('tab', key);
                  setParams(params, { replace: true });
                }}
                items={[
                  {
                    key: 'dag',
                    label: t('definition.dag'),
                    children: model && model.tasks.length ? (
                      <>
                        <Legend />
                        <DagGraph model={model} view={view} selectedCode={selectedCode} onSelect={setSelectedCode} height={540} />
                      </>
                    ) : (
                      <Empty description={t('instance.noDag')} style={{ padding: 48 }} />
                    ),
                  },
                  {
                    key: 'tasks',
                    label: t('instance.taskInstances', { count: tasks.data?.taskList.length ?? 0 }),
                    children: (
                      <Table<TaskInstance>
                        rowKey="id"
                        size="middle"
                        pagination={false}
                        loading={tasks.isPending}
                        dataSource={tasks.data?.taskList ?? []}
                        onRow={(row) => ({ 'data-testid': 'task-row', 'data-name': row.name, 'data-state': row.state } as object)}
                        columns={[
                          {
                            title: t('task.name'),
                            dataIndex: 'name',
                            render: (v, row) => (
                              <Space>
                                <TaskTypeIcon type={row.taskType} />
                                {v}
                              </Space>
                            ),
                          },
                          { title: t('task.type'), dataIndex: 'taskType', width: 120 },
                          { title: t('common.state'), dataIndex: 'state', width: 150, render: (v) => <StateTag state={v} /> },
                          { title: t('instance.startTime'), dataIndex: 'startTime', width: 170, render: orDash },
                          { title: t('instance.endTime'), dataIndex: 'endTime', width: 170, render: orDash },
                          { title: t('instance.duration'), dataIndex: 'duration', width: 100, render: orDash },
                          { title: t('task.retried'), dataIndex: 'retryTimes', width: 80, render: (v) => v ?? 0 },
                          { title: t('instance.host'), dataIndex: 'host', width: 150, render: orDash },
                          {
                            title: t('common.actions'),
                            width: 150,
                            render: (_, row) => (
                              <Space size={4}>
                                <Button size="small" icon={<FileTextOutlined />} onClick={() => setLogTask(row)} data-testid="view-log">
                                  {t('log.view')}
                                </Button>
                                {canForceSuccess(row.state) && (
                                  <Button size="small" icon={<CheckOutlined />} onClick={() => forceSuccess.mutate(row)} data-testid="force-success">
                                    {t('task.forceSuccess')}
                                  </Button>
                                )}
                              </Space>
                            ),
                          },
                        ]}
                      />
                    ),
                  },
                  {
                    key: 'gantt',
                    label: t('instance.gantt'),
                    children: (
                      <div style={{ padding: 16 }}>
                        <QueryState query={gantt}>{(data) => <GanttChart gantt={data} />}</QueryState>
                      </div>
                    ),
                  },
                  {
                    key: 'variables',
                    label: t('instance.variables'),
                    children: (
                      <div style={{ padding: 16 }}>
                        <Table
                          size="small"
                          pagination={false}
                          rowKey={(row, i) => `${row.prop}-${i}`}
                          dataSource={parseVariables(pi.globalParams)}
                          locale={{ emptyText: t('definition.noGlobalParams') }}
                          columns={[
                            { title: t('param.name'), dataIndex: 'prop' },
                            { title: t('param.value'), dataIndex: 'value', render: (v) => <code>{orDash(v)}</code> },
                          ]}
                        />
                      </div>
                    ),
                  },
                ]}
              />
            </Card>
            <Drawer
              open={!!selectedTask}
              onClose={() => setSelectedCode(null)}
              width="min(760px, 92vw)"
              title={
                selectedTask && (
                  <Space>
                    <TaskTypeIcon type={selectedTask.taskType} />
                    {selectedTask.name}
                    {selectedView && <StateTag state={selectedView.status} />}
                  </Space>
                )
              }
            >
              {selectedTask && (
                <div data-testid="task-drawer">
                  {selectedView?.instance && selectedView.status === 'SKIPPED' && (
                    <Alert
                      type="warning"
                      showIcon
                      message={selectedView.instance.skipReason ? `${t('state.SKIPPED')}: ${selectedView.instance.skipReason}` : t('task.why.SKIPPED')}
                      style={{ marginBottom: 12 }}
                      data-testid="skip-reason"
                    />
                  )}
                  {selectedView?.instance ? (
                    <>
                      <Descriptions size="small" column={2} bordered>
                        <Descriptions.Item label={t('instance.startTime')}>{orDash(selectedView.instance.startTime)}</Descriptions.Item>
                        <Descriptions.Item label={t('instance.endTime')}>{orDash(selectedView.instance.endTime)}</Descriptions.Item>
                        <Descriptions.Item label={t('instance.duration')}>{orDash(selectedView.instance.duration)}</Descriptions.Item>
                        <Descriptions.Item label={t('task.retried')}>{selectedView.instance.retryTimes ?? 0}</Descriptions.Item>
                        <Descriptions.Item label={t('instance.host')} span={2}>{orDash(selectedView.instance.host)}</Descriptions.Item>
                        {selectedView.chosenBranch && (
                          <Descriptions.Item label={t('task.chosenBranch')} span={2}>
                            <code>{selectedView.chosenBranch === 'default' ? t('dag.defaultBranch') : selectedView.chosenBranch}</code>
                          </Descriptions.Item>
                        )}
                      </Descriptions>
                      <Space style={{ marginTop: 12 }}>
                        <Button type="primary" icon={<FileTextOutlined />} onClick={() => setLogTask(selectedView.instance!)} data-testid="drawer-view-log">
                          {t('log.view')}
                        </Button>
                        {canForceSuccess(selectedView.instance.state) && (
                          <Button icon={<CheckOutlined />} onClick={() => forceSuccess.mutate(selectedView.instance!)}>
                            {t('task.forceSuccess')}
                          </Button>
                        )}
                      </Space>
                    </>
                  ) : (
                    <Alert
                      type={selectedView?.status === 'SKIPPED' ? 'warning' : 'info'}
                      showIcon
                      message={t(`task.why.${selectedView?.status ?? 'PENDING'}`)}
                    />
                  )}
                  <Divider />
                  <Typography.Title level={5}>{t('task.definition')}</Typography.Title>
                  <TaskParamsView task={selectedTask} taskNames={taskNames} />
                </div>
              )}
            </Drawer>
            <LogViewer projectCode={pc} task={logTask} onClose={() => setLogTask(null)} />
          </>
        )}
      </QueryState>
    </div>
  );
}
