// Workflow definitions of a project: search, paging, state, and every action on a row (run,
// schedule, release, edit, versions, copy, export, delete), plus import and batch actions.
import { useEffect, useState } from 'react';
import { Button, Dropdown, Space, Table, Tag, Tooltip, Typography } from 'antd';
import {
  ApartmentOutlined,
  ArrowDownOutlined,
  ArrowUpOutlined,
  ClockCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  HistoryOutlined,
  ImportOutlined,
  MoreOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { definitionsApi } from '../../api/services';
import type { ProcessDefinition } from '../../api/types';
import { useT } from '../../i18n';
import { orDash } from '../../lib/format';
import { useFeedback } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { EmptyHint, TableCard } from '../../components/TableCard';
import { useProject } from '../projects/ProjectLayout';
import { useDefinitionActions } from './definitionActions';
import { ImportDialog } from './ImportDialog';

export function ReleaseTag({ state }: { state: string }) {
  const t = useT();
  return state === 'ONLINE' ? (
    <Tag color="green" data-testid="release-state" data-state="ONLINE">
      {t('definition.online')}
    </Tag>
  ) : (
    <Tag data-testid="release-state" data-state="OFFLINE">
      {t('definition.offline')}
    </Tag>
  );
}

export function DefinitionsPage() {
  const t = useT();
  const project = useProject();
  const pc = project.code;
  const paging = usePaging();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const [params, setParams] = useSearchParams();
  const [importOpen, setImportOpen] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const list = useQuery({
    queryKey: ['definitions', pc, paging.query],
    queryFn: () => definitionsApi.page(pc, paging.query),
    placeholderData: keepPreviousData,
  });
  const actions = useDefinitionActions(pc, () => setSelected([]));

  useEffect(() => {
    if (params.get('import') === '1') {
      setImportOpen(true);
      params.delete('import');
      setParams(params, { replace: true });
    }
  }, [params, setParams]);

  const rows = rowsOf(list.data);

  return (
    <div className="page">
      <PageHeader
        title={t('nav.definitions')}
        description={t('definition.help')}
        extra={
          <Space>
            <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)} data-testid="import-workflow">
              {t('import.button')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={actions.create} data-testid="create-workflow">
              {t('definition.create')}
            </Button>
          </Space>
        }
      />
      <TableCard
        onSearch={paging.search}
        searchPlaceholder={t('definition.search')}
        error={list.error}
        onRetry={() => list.refetch()}
        toolbar={
          selected.length > 0 && (
            <>
              <Typography.Text type="secondary">{t('common.selected', { count: selected.length })}</Typography.Text>
              <Button icon={<DownloadOutlined />} onClick={() => actions.exportDefinitions(selected)}>
                {t('definition.export')}
              </Button>
              <Button icon={<CopyOutlined />} onClick={() => actions.copy(selected)}>
                {t('definition.copy')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={() => actions.remove(selected)}>
                {t('common.delete')}
              </Button>
            </>
          )
        }
      >
        <Table<ProcessDefinition>
          rowKey="code"
          loading={list.isFetching && !list.data}
          dataSource={rows}
          pagination={paging.pagination(list.data)}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
          data-testid="definitions-table"
          locale={{
            emptyText: (
              <EmptyHint
                text={paging.searchVal ? t('common.noMatch') : t('definition.empty')}
                action={
                  !paging.searchVal && (
                    <Space>
                      <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)}>
                        {t('import.button')}
                      </Button>
                      <Button type="primary" icon={<PlusOutlined />} onClick={actions.create}>
                        {t('definition.create')}
                      </Button>
                    </Space>
                  )
                }
              />
            ),
          }}
          onRow={(row) => ({ 'data-testid': 'definition-row', 'data-name': row.name } as object)}
          columns={[
            {
              title: t('definition.name'),
              dataIndex: 'name',
              render: (name, row) => (
                <div>
                  <Link to={`/projects/${pc}/workflow/definitions/${row.code}`} data-testid="definition-link">
                    <strong>{name}</strong>
                  </Link>
                  {row.description && <div className="muted ellipsis">{row.description}</div>}
                </div>
              ),
            },
            { title: t('common.state'), dataIndex: 'releaseState', width: 110, render: (v) => <ReleaseTag state={v} /> },
            {
              title: t('definition.schedule'),
              dataIndex: 'scheduleReleaseState',
              width: 120,
              render: (v) =>
                v === 'ONLINE' ? (
                  <Tag color="processing" icon={<ClockCircleOutlined />}>
                    {t('schedule.online')}
                  </Tag>
                ) : v === 'OFFLINE' ? (
                  <Tag icon={<ClockCircleOutlined />}>{t('schedule.offline')}</Tag>
                ) : (
                  <span className="muted">-</span>
                ),
            },
            {
              title: t('versions.version'),
              dataIndex: 'version',
              width: 90,
              render: (v, row) => (
                <Button type="link" size="small" onClick={() => actions.versions(row)} style={{ padding: 0 }}>
                  V{v}
                </Button>
              ),
            },
            { title: t('definition.modifiedBy'), width: 120, render: (_, row) => orDash(row.modifyBy || row.userName) },
            { title: t('common.updateTime'), dataIndex: 'updateTime', width: 180, render: (v) => <span className="nowrap">{orDash(v)}</span> },
            {
              title: t('common.actions'),
              width: 190,
              render: (_, row) => {
                const online = row.releaseState === 'ONLINE';
                return (
                  <Space size={2}>
                    <Tooltip title={online ? t('run.button') : t('run.needsOnline')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<PlayCircleOutlined />}
                        disabled={!online}
                        onClick={() => actions.run(row)}
                        data-testid="action-run"
                        aria-label={t('run.button')}
                      />
                    </Tooltip>
                    <Tooltip title={online ? t('definition.takeOffline') : t('definition.putOnline')}>
                      <Button
                        type="text"
                        size="small"
                        icon={online ? <ArrowDownOutlined /> : <ArrowUpOutlined />}
                        loading={actions.releasing === row.code}
                        onClick={() => actions.release(row)}
                        data-testid={online ? 'action-offline' : 'action-online'}
                        aria-label={online ? t('definition.takeOffline') : t('definition.putOnline')}
                      />
                    </Tooltip>
                    <Tooltip title={t('schedule.button')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ClockCircleOutlined />}
                        onClick={() => actions.schedule(row)}
                        data-testid="action-schedule"
                        aria-label={t('schedule.button')}
                      />
                    </Tooltip>
                    <Tooltip title={online ? t('definition.editOnline') : t('common.edit')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<EditOutlined />}
                        disabled={online}
                        onClick={() => actions.edit(row)}
                        data-testid="action-edit"
                        aria-label={t('common.edit')}
                      />
                    </Tooltip>
                    <Dropdown
                      trigger={['click']}
                      menu={{
                        items: [
                          { key: 'dag', icon: <ApartmentOutlined />, label: <Link to={`/projects/${pc}/workflow/definitions/${row.code}`}>{t('definition.viewDag')}</Link> },
                          { key: 'instances', icon: <UnorderedListOutlined />, label: t('nav.instances'), onClick: () => actions.instances(row) },
                          { key: 'versions', icon: <HistoryOutlined />, label: t('versions.button'), onClick: () => actions.versions(row) },
                          { key: 'copy', icon: <CopyOutlined />, label: t('definition.copy'), onClick: () => actions.copy([row.code]) },
                          { key: 'export', icon: <DownloadOutlined />, label: t('definition.export'), onClick: () => actions.exportDefinitions([row.code]) },
                          { type: 'divider' },
                          {
                            key: 'delete',
                            icon: <DeleteOutlined />,
                            danger: true,
                            disabled: online,
                            label: online ? t('definition.deleteOnline') : t('common.delete'),
                            onClick: () => actions.remove([row.code]),
                          },
                        ],
                      }}
                    >
                      <Button type="text" size="small" icon={<MoreOutlined />} data-testid="action-more" aria-label={t('common.more')} />
                    </Dropdown>
                  </Space>
                );
              },
            },
          ]}
        />
      </TableCard>
      <ImportDialog
        projectCode={pc}
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={() => {
          feedback.ok(t('import.done'));
          void queryClient.invalidateQueries({ queryKey: ['definitions', pc] });
          void queryClient.invalidateQueries({ queryKey: ['setup-facts'] });
          void queryClient.invalidateQueries({ queryKey: ['project', pc] });
        }}
      />
      {actions.dialogs}
    </div>
  );
}
