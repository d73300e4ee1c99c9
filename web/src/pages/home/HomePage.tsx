// Home: how many workflow and task instances ran in a time window, by state, and the most
// recent failed workflow instances across projects. A newcomer also sees the setup progress.
import { useState } from 'react';
import { Card, Col, Row, Segmented, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client';
import { analysisApi, instancesApi, projectsApi, taskInstancesApi } from '../../api/services';
import type { ProcessInstance, StateCount } from '../../api/types';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { API_DATE_FORMAT, orDash } from '../../lib/format';
import { isSetupComplete } from '../../lib/setupProgress';
import { StateDonut } from '../../components/charts';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StateTag } from '../../components/StateTag';
import { EmptyHint } from '../../components/TableCard';
import { GettingStartedGuide } from '../getting-started/GettingStarted';
import { useSetupFacts } from '../getting-started/setupFacts';

type Window = 'today' | '7d' | '30d';

function windowStart(window: Window): string {
  const start = window === 'today' ? dayjs().startOf('day') : dayjs().subtract(window === '7d' ? 7 : 30, 'day');
  return start.format(API_DATE_FORMAT);
}

const toCounts = (data: StateCount | undefined) =>
  (data?.taskCountDtos ?? []).map((d) => ({ state: d.taskStateType, count: Number(d.count) || 0 }));

/**
 * Counts by state from /projects/analysis/*; a server without those endpoints (it answers with a
 * web page) gets them counted from the instance lists of its first projects instead.
 */
async function stateCounts(kind: 'workflow' | 'task', startDate: string, endDate: string): Promise<StateCount> {
  try {
    return kind === 'workflow'
      ? await analysisApi.workflowStates({ startDate, endDate, projectCode: 0 })
      : await analysisApi.taskStates({ startDate, endDate, projectCode: 0 });
  } catch (error) {
    if (!(error instanceof ApiError && error.code === -2)) throw error;
  }
  const projects = (await projectsApi.page({ pageNo: 1, pageSize: 50 })).totalList ?? [];
  const query = { pageNo: 1, pageSize: 1000, startDate, endDate };
  const pages = await Promise.all(
    projects.map((project) =>
      kind === 'workflow' ? instancesApi.page(project.code, query) : taskInstancesApi.page(project.code, query),
    ),
  );
  const counts = new Map<string, number>();
  for (const page of pages) for (const row of page.totalList ?? []) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  return {
    totalCount: [...counts.values()].reduce((a, b) => a + b, 0),
    taskCountDtos: [...counts].map(([taskStateType, count]) => ({ taskStateType, count })),
  };
}

interface FailedRow extends ProcessInstance {
  projectCode: number;
  projectName: string;
}

async function recentFailures(startDate: string): Promise<FailedRow[]> {
  const projects = (await projectsApi.page({ pageNo: 1, pageSize: 20 })).totalList ?? [];
  const pages = await Promise.all(
    projects.map((project) =>
      instancesApi
        .page(project.code, { pageNo: 1, pageSize: 10, stateType: 'FAILURE', startDate })
        .then((page) => (page.totalList ?? []).map((row) => ({ ...row, projectCode: project.code, projectName: project.name })))
        .catch(() => [] as FailedRow[]),
    ),
  );
  return pages
    .flat()
    .sort((a, b) => String(b.endTime ?? b.startTime ?? '').localeCompare(String(a.endTime ?? a.startTime ?? '')))
    .slice(0, 10);
}

export function HomePage() {
  const t = useT();
  const { user } = useSession();
  const [window, setWindow] = useState<Window>('today');
  const startDate = windowStart(window);
  const endDate = dayjs().endOf('day').format(API_DATE_FORMAT);
  const facts = useSetupFacts(user);

  const workflowStates = useQuery({
    queryKey: ['home', 'workflow-states', window],
    queryFn: () => stateCounts('workflow', startDate, endDate),
    refetchInterval: 15000,
  });
  const taskStates = useQuery({
    queryKey: ['home', 'task-states', window],
    queryFn: () => stateCounts('task', startDate, endDate),
    refetchInterval: 15000,
  });
  const failures = useQuery({
    queryKey: ['home', 'failures', window],
    queryFn: () => recentFailures(startDate),
    refetchInterval: 30000,
  });

  return (
    <div className="page">
      <PageHeader
        title={t('home.title', { name: user?.userName ?? '' })}
        description={t('home.subtitle')}
        extra={
          <Segmented
            value={window}
            onChange={(v) => setWindow(v as Window)}
            options={[
              { label: t('home.today'), value: 'today' },
              { label: t('home.last7'), value: '7d' },
              { label: t('home.last30'), value: '30d' },
            ]}
          />
        }
      />
      {facts.data && !isSetupComplete(facts.data) && (
        <div style={{ marginBottom: 16 }}>
          <GettingStartedGuide compact />
        </div>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('home.workflowStates')} data-testid="chart-workflow-states">
            <QueryState query={workflowStates}>
              {(data) => <StateDonut counts={toCounts(data)} kind="workflow" testId="donut-workflow" />}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.taskStates')} data-testid="chart-task-states">
            <QueryState query={taskStates}>
              {(data) => <StateDonut counts={toCounts(data)} kind="task" testId="donut-task" />}
            </QueryState>
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('home.recentFailures')} styles={{ body: { padding: 0 } }}>
            <QueryState query={failures}>
              {(rows) =>
                rows.length ? (
                  <Table<FailedRow>
                    rowKey={(row) => `${row.projectCode}-${row.id}`}
                    dataSource={rows}
                    pagination={false}
                    size="middle"
                    data-testid="recent-failures"
                    columns={[
                      {
                        title: t('instance.name'),
                        render: (_, row) => (
                          <Link to={`/projects/${row.projectCode}/workflow/instances/${row.id}`}>{row.name}</Link>
                        ),
                      },
                      { title: t('nav.project'), dataIndex: 'projectName' },
                      { title: t('common.state'), width: 140, render: (_, row) => <StateTag state={row.state} kind="workflow" /> },
                      { title: t('instance.endTime'), dataIndex: 'endTime', width: 180, render: orDash },
                      { title: t('instance.duration'), dataIndex: 'duration', width: 120, render: orDash },
                    ]}
                  />
                ) : (
                  <EmptyHint text={<Typography.Text type="secondary">{t('home.noFailures')}</Typography.Text>} />
                )
              }
            </QueryState>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
