// Task instances of a project: filters (task name, workflow instance, state, time window, host,
// executor), the log of each (live while it runs, downloadable) and force-success for failed or
// killed tasks. Refreshes itself while any listed task is still active.
import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tooltip } from 'antd';
import { CheckOutlined, ClearOutlined, FileTextOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { taskInstancesApi } from '../../api/services';
import type { TaskInstance } from '../../api/types';
import { useT } from '../../i18n';
import { orDash, toApiDate } from '../../lib/format';
import { canForceSuccess, isTaskFinished, TASK_FILTER_STATES } from '../../lib/states';
import { useAction } from '../../components/feedback';
import { LogViewer } from '../../components/LogViewer';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { StateTag } from '../../components/StateTag';
import { EmptyHint, TableCard } from '../../components/TableCard';
import { TaskTypeIcon } from '../../components/TaskTypeIcon';
import { useProject } from '../projects/ProjectLayout';

interface Filters {
  searchVal?: string;
  processInstanceName?: string;
  stateType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  host?: string;
  executorName?: string;
}

export function TaskInstancesPage() {
  const t = useT();
  const project = useProject();
  const pc = project.code;
  const paging = usePaging(20);
  const [params] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [logTask, setLogTask] = useState<TaskInstance | null>(null);
  const processInstanceId = Number(params.get('instance')) || undefined;

  const query = useMemo(
    () => ({
      ...paging.query,
      searchVal: filters.searchVal?.trim() || undefined,
      processInstanceName: filters.processInstanceName?.trim() || undefined,
      stateType: filters.stateType || undefined,
      startDate: toApiDate(filters.range?.[0] ?? null),
      endDate: toApiDate(filters.range?.[1] ?? null),
      host: filters.host?.trim() || undefined,
      executorName: filters.executorName?.trim() || undefined,
      processInstanceId,
    }),
    [paging.query, filters, processInstanceId],
  );

  const list = useQuery({
    queryKey: ['task-instances', pc, query],
    queryFn: () => taskInstancesApi.page(pc, query),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (rowsOf(q.state.data).some((row) => !isTaskFinished(row.state)) ? 2000 : 10000),
  });
  const forceSuccess = useAction({
    run: (ti: TaskInstance) => taskInstancesApi.forceSuccess(pc, ti.id),
    success: t('task.forcedSuccess'),
    invalidate: [['task-instances', pc]],
  });

  const apply = (values: Filters) => {
    setFilters(values);
    paging.resetPage();
  };

  return (
    <div className="page">
      <PageHeader
        title={t('nav.taskInstances')}
        description={t('taskInstance.help')}
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} loading={list.isFetching} />
          </Tooltip>
        }
      />
      <Card className="filter-card" size="small">
        <Form form={form} layout="inline" onFinish={apply} className="filter-form">
          <Form.Item name="searchVal">
            <Input allowClear placeholder={t('taskInstance.searchName')} style={{ width: 180 }} data-testid="filter-task-name" />
          </Form.Item>
          <Form.Item name="processInstanceName">
            <Input allowClear placeholder={t('taskInstance.workflowInstance')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="stateType">
            <Select
              allowClear
              placeholder={t('common.state')}
              style={{ width: 170 }}
              options={TASK_FILTER_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} placeholder={[t('instance.from'), t('instance.to')]} />
          </Form.Item>
          <Form.Item name="host">
            <Input allowClear placeholder={t('instance.host')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="executorName">
            <Input allowClear placeholder={t('instance.executor')} style={{ width: 130 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              icon={<ClearOutlined />}
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <TableCard error={list.error} onRetry={() => list.refetch()}>
        <Table<TaskInstance>
          rowKey="id"
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          scroll={{ x: 1800 }}
          onRow={(row) => ({ 'data-testid': 'task-instance-row', 'data-name': row.name, 'data-state': row.state } as object)}
          locale={{ emptyText: <EmptyHint text={t('taskInstance.empty')} /> }}
          columns={[
            {
              title: t('task.name'),
              dataIndex: 'name',
              width: 200,
              ellipsis: true,
              render: (v, row) => (
                <Space>
                  <TaskTypeIcon type={row.taskType} />
                  {v}
                </Space>
              ),
            },
            {
              title: t('taskInstance.workflowInstance'),
              dataIndex: 'processInstanceName',
              width: 300,
              ellipsis: { showTitle: true },
              render: (v, row) => <Link to={`/projects/${pc}/workflow/instances/${row.processInstanceId}`}>{v ?? row.processInstanceId}</Link>,
            },
            { title: t('task.type'), dataIndex: 'taskType', width: 110 },
            { title: t('common.state'), dataIndex: 'state', width: 150, render: (v) => <StateTag state={v} /> },
            { title: t('taskInstance.submitTime'), dataIndex: 'submitTime', width: 170, render: orDash },
            { title: t('instance.startTime'), dataIndex: 'startTime', width: 170, render: orDash },
            { title: t('instance.endTime'), dataIndex: 'endTime', width: 170, render: orDash },
            { title: t('instance.duration'), dataIndex: 'duration', width: 100, render: orDash },
            { title: t('task.retried'), dataIndex: 'retryTimes', width: 80, render: (v) => v ?? 0 },
            { title: t('instance.host'), dataIndex: 'host', width: 140, render: orDash },
            {
              title: t('common.actions'),
              width: 100,
              fixed: 'right',
              render: (_, row) => (
                <Space size={2}>
                  <Tooltip title={t('log.view')}>
                    <Button type="text" size="small" icon={<FileTextOutlined />} onClick={() => setLogTask(row)} data-testid="view-log" aria-label={t('log.view')} />
                  </Tooltip>
                  {canForceSuccess(row.state) && (
                    <Tooltip title={t('task.forceSuccess')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<CheckOutlined />}
                        onClick={() => forceSuccess.mutate(row)}
                        data-testid="force-success"
                        aria-label={t('task.forceSuccess')}
                      />
                    </Tooltip>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </TableCard>
      <LogViewer projectCode={pc} task={logTask} onClose={() => setLogTask(null)} />
    </div>
  );
}
