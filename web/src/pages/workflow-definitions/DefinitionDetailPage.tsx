// One workflow definition, read-only: its DAG laid out automatically (click a task to see all
// of its parameters), the task list, and the workflow's settings and global parameters.
import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Empty, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  ClockCircleOutlined,
  DownloadOutlined,
  EditOutlined,
  HistoryOutlined,
  PlayCircleOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { definitionsApi } from '../../api/services';
import type { Property, TaskDefinition } from '../../api/types';
import { useT } from '../../i18n';
import { buildDag } from '../../lib/dag';
import { orDash } from '../../lib/format';
import { DagGraph } from '../../components/DagGraph';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TaskParamsView } from '../../components/TaskParamsView';
import { TaskTypeIcon } from '../../components/TaskTypeIcon';
import { useProject } from '../projects/ProjectLayout';
import { useDefinitionActions } from './definitionActions';
import { ReleaseTag } from './DefinitionsPage';

function globalParamsOf(list: Property[] | null | undefined, raw: string | undefined): Property[] {
  if (list) return list;
  try {
    return JSON.parse(raw || '[]');
  } catch {
    return [];
  }
}

export function DefinitionDetailPage() {
  const t = useT();
  const project = useProject();
  const pc = project.code;
  const code = Number(useParams().definitionCode);
  const [selected, setSelected] = useState<number | null>(null);
  const dag = useQuery({ queryKey: ['definition', pc, code], queryFn: () => definitionsApi.get(pc, code) });
  const actions = useDefinitionActions(pc);
  const model = useMemo(() => (dag.data ? buildDag(dag.data) : null), [dag.data]);
  const taskNames = useMemo(
    () => new Map((dag.data?.taskDefinitionList ?? []).map((task) => [Number(task.code), task.name])),
    [dag.data],
  );
  const selectedTask = selected !== null ? model?.byCode.get(selected) : undefined;

  return (
    <div className="page">
      <QueryState query={dag} rows={8}>
        {(data) => {
          const definition = data.processDefinition;
          const online = definition.releaseState === 'ONLINE';
          const globals = globalParamsOf(definition.globalParamList, definition.globalParams);
          return (
            <>
              <PageHeader
                title={
                  <Space>
                    <span data-testid="definition-title">{definition.name}</span>
                    <ReleaseTag state={definition.releaseState} />
                    <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                      V{definition.version}
                    </Typography.Text>
                  </Space>
                }
                description={definition.description || undefined}
                extra={
                  <Space wrap>
                    <Tooltip title={online ? undefined : t('run.needsOnline')}>
                      <Button type="primary" icon={<PlayCircleOutlined />} disabled={!online} onClick={() => actions.run(definition)} data-testid="detail-run">
                        {t('run.button')}
                      </Button>
                    </Tooltip>
                    <Button
                      icon={online ? <ArrowDownOutlined /> : <ArrowUpOutlined />}
                      onClick={() => actions.release(definition)}
                      loading={actions.releasing === definition.code}
                      data-testid={online ? 'detail-offline' : 'detail-online'}
                    >
                      {online ? t('definition.takeOffline') : t('definition.putOnline')}
                    </Button>
                    <Button icon={<ClockCircleOutlined />} onClick={() => actions.schedule(definition)}>
                      {t('schedule.button')}
                    </Button>
                    <Tooltip title={online ? t('definition.editOnline') : undefined}>
                      <Button icon={<EditOutlined />} disabled={online} onClick={() => actions.edit(definition)}>
                        {t('common.edit')}
                      </Button>
                    </Tooltip>
                    <Button icon={<HistoryOutlined />} onClick={() => actions.versions(definition)}>
                      {t('versions.button')}
                    </Button>
                    <Button icon={<DownloadOutlined />} onClick={() => actions.exportDefinitions([definition.code])}>
                      {t('definition.export')}
                    </Button>
                    <Button icon={<UnorderedListOutlined />} onClick={() => actions.instances(definition)}>
                      {t('nav.instances')}
                    </Button>
                  </Space>
                }
              />
              <Card styles={{ body: { padding: 0 } }}>
                <Tabs
                  className="card-tabs"
                  items={[
                    {
                      key: 'dag',
                      label: t('definition.dag'),
                      children: model && model.tasks.length ? (
                        <DagGraph model={model} selectedCode={selected} onSelect={setSelected} height={560} />
                      ) : (
                        <Empty description={t('definition.noTasks')} style={{ padding: 48 }} />
                      ),
                    },
                    {
                      key: 'tasks',
                      label: t('definition.tasks', { count: data.taskDefinitionList.length }),
                      children: (
                        <Table<TaskDefinition>
                          rowKey="code"
                          size="middle"
                          pagination={false}
                          dataSource={data.taskDefinitionList}
                          onRow={(row) => ({ onClick: () => setSelected(Number(row.code)), style: { cursor: 'pointer' } })}
                          columns={[
                            {
                              title: t('task.name'),
                              dataIndex: 'name',
                              render: (v, row) => (
                                <Space>
                                  <TaskTypeIcon type={row.taskType} />
                                  <strong>{v}</strong>
                                </Space>
                              ),
                            },
                            { title: t('task.type'), dataIndex: 'taskType', width: 130 },
                            { title: t('task.priority'), dataIndex: 'taskPriority', width: 110, render: orDash },
                            { title: t('task.workerGroup'), dataIndex: 'workerGroup', width: 130, render: orDash },
                            { title: t('task.retries'), dataIndex: 'failRetryTimes', width: 90, render: (v) => v ?? 0 },
                            { title: t('versions.version'), dataIndex: 'version', width: 90, render: (v) => (v ? `V${v}` : '-') },
                          ]}
                        />
                      ),
                    },
                    {
                      key: 'settings',
                      label: t('definition.settings'),
                      children: (
                        <div style={{ padding: 16 }}>
                          <Descriptions bordered size="small" column={2}>
                            <Descriptions.Item label={t('definition.code')}>{definition.code}</Descriptions.Item>
                            <Descriptions.Item label={t('user.tenant')}>{orDash(definition.tenantCode ?? (definition.tenantId === -1 ? 'default' : definition.tenantId))}</Descriptions.Item>
                            <Descriptions.Item label={t('definition.executionType')}>{orDash(definition.executionType)}</Descriptions.Item>
                            <Descriptions.Item label={t('definition.timeout')}>
                              {definition.timeout ? t('common.minutes', { n: definition.timeout }) : t('common.off')}
                            </Descriptions.Item>
                            <Descriptions.Item label={t('common.createTime')}>{orDash(definition.createTime)}</Descriptions.Item>
                            <Descriptions.Item label={t('common.updateTime')}>{orDash(definition.updateTime)}</Descriptions.Item>
                          </Descriptions>
                          <Typography.Title level={5} className="section-title">
                            {t('definition.globalParams')}
                          </Typography.Title>
                          <Table<Property>
                            size="small"
                            pagination={false}
                            rowKey={(row, i) => `${row.prop}-${i}`}
                            dataSource={globals}
                            locale={{ emptyText: t('definition.noGlobalParams') }}
                            columns={[
                              { title: t('param.name'), dataIndex: 'prop' },
                              { title: t('param.direction'), dataIndex: 'direct', width: 100 },
                              { title: t('param.type'), dataIndex: 'type', width: 120 },
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
                onClose={() => setSelected(null)}
                width="min(760px, 92vw)"
                title={
                  selectedTask && (
                    <Space>
                      <TaskTypeIcon type={selectedTask.taskType} />
                      {selectedTask.name}
                    </Space>
                  )
                }
              >
                {selectedTask && <TaskParamsView task={selectedTask} taskNames={taskNames} />}
              </Drawer>
            </>
          );
        }}
      </QueryState>
      <div style={{ marginTop: 12 }}>
        <Link to={`/projects/${pc}/workflow/definitions`}>← {t('definition.backToList')}</Link>
      </div>
      {actions.dialogs}
    </div>
  );
}
