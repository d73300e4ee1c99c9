// Version history of a workflow: every saved version with its time and description; switch the
// workflow back to an older version, or delete versions that are not in use.
import { Alert, Button, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { definitionsApi } from '../../api/services';
import type { ProcessDefinition, ProcessDefinitionVersion } from '../../api/types';
import { useT } from '../../i18n';
import { orDash } from '../../lib/format';
import { useAction } from '../../components/feedback';
import { usePaging, rowsOf } from '../../components/paging';

export function VersionsDialog({
  projectCode,
  definition,
  onClose,
}: {
  projectCode: number;
  definition: ProcessDefinition | null;
  onClose: () => void;
}) {
  const t = useT();
  const paging = usePaging(10);
  const code = definition?.code ?? 0;
  const versions = useQuery({
    queryKey: ['versions', projectCode, code, paging.pageNo, paging.pageSize],
    queryFn: () => definitionsApi.versions(projectCode, code, { pageNo: paging.pageNo, pageSize: paging.pageSize }),
    enabled: !!definition,
    placeholderData: keepPreviousData,
  });
  const current = useQuery({
    queryKey: ['definition', projectCode, code],
    queryFn: () => definitionsApi.get(projectCode, code),
    enabled: !!definition,
  });
  const currentVersion = current.data?.processDefinition.version ?? definition?.version;
  const online = (current.data?.processDefinition.releaseState ?? definition?.releaseState) === 'ONLINE';
  const invalidate = [['versions', projectCode, code], ['definitions', projectCode], ['definition', projectCode, code]];
  const switchTo = useAction({
    run: (version: number) => definitionsApi.switchVersion(projectCode, code, version),
    success: (_, version) => t('versions.switched', { version }),
    invalidate,
  });
  const remove = useAction({
    run: (version: number) => definitionsApi.deleteVersion(projectCode, code, version),
    success: t('common.deleted'),
    invalidate,
  });

  return (
    <Modal open={!!definition} onCancel={onClose} footer={null} width={820} title={t('versions.title', { name: definition?.name ?? '' })} destroyOnHidden>
      <div data-testid="versions-dialog">
        {online && <Alert type="info" showIcon message={t('versions.offlineFirst')} style={{ marginBottom: 12 }} />}
        <Table<ProcessDefinitionVersion>
          rowKey="version"
          size="middle"
          loading={versions.isFetching && !versions.data}
          dataSource={rowsOf(versions.data)}
          pagination={paging.pagination(versions.data)}
          columns={[
            {
              title: t('versions.version'),
              dataIndex: 'version',
              width: 120,
              render: (v) => (
                <Space>
                  <strong>V{v}</strong>
                  {v === currentVersion && <Tag color="blue">{t('versions.current')}</Tag>}
                </Space>
              ),
            },
            { title: t('common.description'), dataIndex: 'description', render: orDash, ellipsis: true },
            { title: t('versions.savedAt'), render: (_, row) => orDash(row.operateTime ?? row.updateTime) },
            {
              title: t('common.actions'),
              width: 200,
              render: (_, row) =>
                row.version === currentVersion ? null : (
                  <Space>
                    <Popconfirm title={t('versions.confirmSwitch', { version: row.version })} onConfirm={() => switchTo.mutate(row.version)}>
                      <Button size="small" disabled={online} data-testid="version-switch">
                        {t('versions.switch')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm title={t('versions.confirmDelete', { version: row.version })} onConfirm={() => remove.mutate(row.version)}>
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </div>
    </Modal>
  );
}
