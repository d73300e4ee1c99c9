// Workflow instances of a project: filters (name, state, time window, executor, host, and the
// definition when opened from one), actions per row, auto-refresh while anything is running.
import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { ClearOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { definitionsApi, instancesApi } from '../../api/services';
import type { ProcessInstance } from '../../api/types';
import { useT } from '../../i18n';
import { orDash, toApiDate } from '../../lib/format';
import { isWorkflowFinished, WORKFLOW_FILTER_STATES } from '../../lib/states';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { StateTag } from '../../components/StateTag';
import { EmptyHint, TableCard } from '../../components/TableCard';
import { useProject } from '../projects/ProjectLayout';
import { InstanceActions } from './instanceActions';

interface Filters {
  searchVal?: string;
  stateType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  executorName?: string;
  host?: string;
}

export function InstancesPage() {
  const t = useT();
  const project = useProject();
  const pc = project.code;
  const paging = usePaging(20);
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>(() => ({ stateType: params.get('state') ?? undefined }));
  const definitionCode = Number(params.get('definition')) || undefined;

  const query = useMemo(
    () => ({
      ...paging.query,
      searchVal: filters.searchVal?.trim() || undefined,
      stateType: filters.stateType || undefined,
      startDate: toApiDate(filters.range?.[0] ?? null),
      endDate: toApiDate(filters.range?.[1] ?? null),
      executorName: filters.executorName?.trim() || undefined,
      host: filters.host?.trim() || undefined,
      processDefineCode: definitionCode,
    }),
    [paging.query, filters, definitionCode],
  );

  const definition = useQuery({
    queryKey: ['definition', pc, definitionCode],
    queryFn: () => definitionsApi.get(pc, definitionCode!),
    enabled: !!definitionCode,
  });

  const list = useQuery({
    queryKey: ['instances', pc, query],
    queryFn: () => instancesApi.page(pc, query),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (rowsOf(q.state.data).some((row) => !isWorkflowFinished(row.state)) ? 2000 : 10000),
  });

  const apply = (values: Filters) => {
    setFilters(values);
    paging.resetPage();
  };

  return (
    <div className="page">
      <PageHeader
        title={t('nav.instances')}
        description={t('instance.help')}
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} loading={list.isFetching} />
          </Tooltip>
        }
      />
      <Card className="filter-card" size="small">
        <Form form={form} layout="inline" initialValues={filters} onFinish={apply} className="filter-form">
          <Form.Item name="searchVal">
            <Input allowClear placeholder={t('instance.searchName')} style={{ width: 220 }} data-testid="filter-name" />
          </Form.Item>
          <Form.Item name="stateType">
            <Select
              allowClear
              placeholder={t('common.state')}
              style={{ width: 180 }}
              options={WORKFLOW_FILTER_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
              data-testid="filter-state"
            />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} placeholder={[t('instance.from'), t('instance.to')]} />
          </Form.Item>
          <Form.Item name="executorName">
            <Input allowClear placeholder={t('instance.executor')} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="host">
            <Input allowClear placeholder={t('instance.host')} style={{ width: 140 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-apply">
              {t('common.search')}
            </Button>
            <Button
              icon={<ClearOutlined />}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ stateType: undefined });
                apply({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
        {definitionCode && (
          <div style={{ marginTop: 8 }}>
            <Tag
              closable
              color="blue"
              onClose={() => {
                params.delete('definition');
                setParams(params);
              }}
            >
              {t('instance.ofDefinition', { name: definition.data?.processDefinition.name ?? definitionCode })}
            </Tag>
          </div>
        )}
      </Card>
      <TableCard error={list.error} onRetry={() => list.refetch()}>
        <Table<ProcessInstance>
          rowKey="id"
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          data-testid="instances-table"
          onRow={(row) => ({ 'data-testid': 'instance-row', 'data-state': row.state, 'data-name': row.name } as object)}
          locale={{ emptyText: <EmptyHint text={t('instance.empty')} /> }}
          scroll={{ x: 1500 }}
          columns={[
            {
              title: t('instance.name'),
              dataIndex: 'name',
              width: 320,
              ellipsis: { showTitle: true },
              render: (v, row) => (
                <Link to={`/projects/${pc}/workflow/instances/${row.id}`} data-testid="instance-link">
                  {v}
                </Link>
              ),
            },
            { title: t('common.state'), dataIndex: 'state', width: 150, render: (v) => <StateTag state={v} kind="workflow" /> },
            {
              title: t('instance.runType'),
              dataIndex: 'commandType',
              width: 150,
              render: (v, row) => (
                <Space size={4}>
                  <span>{v ? t(`command.${v}`) : '-'}</span>
                  {row.dryRun === 1 && <Tag color="purple">{t('run.dryRun')}</Tag>}
                </Space>
              ),
            },
            { title: t('instance.scheduleTime'), dataIndex: 'scheduleTime', width: 170, render: orDash },
            { title: t('instance.startTime'), dataIndex: 'startTime', width: 170, render: orDash },
            { title: t('instance.endTime'), dataIndex: 'endTime', width: 170, render: orDash },
            { title: t('instance.duration'), dataIndex: 'duration', width: 100, render: orDash },
            { title: t('instance.runTimes'), dataIndex: 'runTimes', width: 80, render: orDash },
            { title: t('instance.executor'), dataIndex: 'executorName', width: 100, render: orDash },
            {
              title: t('common.actions'),
              width: 170,
              fixed: 'right',
              render: (_, row) => <InstanceActions projectCode={pc} instance={row} onDone={() => list.refetch()} />,
            },
          ]}
        />
      </TableCard>
    </div>
  );
}
