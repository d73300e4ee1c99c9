// Worker groups: named sets of worker addresses tasks can be pinned to. The group "default"
// always exists (it is made from the registered workers) and is listed first.
import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { workerGroupsApi } from '../../api/services';
import type { WorkerGroup } from '../../api/types';
import { useT } from '../../i18n';
import { orDash } from '../../lib/format';
import { useAction } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { RowActions } from '../../components/RowActions';
import { EmptyHint, TableCard } from '../../components/TableCard';

interface GroupForm {
  name: string;
  addrList: string[];
  description?: string;
}

export function WorkerGroupsPage() {
  const t = useT();
  const paging = usePaging();
  const [editing, setEditing] = useState<WorkerGroup | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['worker-groups', paging.query],
    queryFn: () => workerGroupsApi.page(paging.query),
    placeholderData: keepPreviousData,
  });
  const addresses = useQuery({ queryKey: ['worker-addresses'], queryFn: workerGroupsApi.addresses });
  const remove = useAction({
    run: (id: number) => workerGroupsApi.remove(id),
    success: t('common.deleted'),
    invalidate: [['worker-groups']],
  });
  const save = async (values: GroupForm) => {
    await workerGroupsApi.save({
      id: editing && editing !== 'new' ? editing.id : undefined,
      name: values.name,
      addrList: values.addrList.join(','),
      description: values.description,
    });
    await list.refetch();
  };
  return (
    <div className="page">
      <PageHeader
        title={t('security.worker-groups')}
        description={t('workerGroup.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('workerGroup.create')}
          </Button>
        }
      />
      <TableCard onSearch={paging.search} error={list.error} onRetry={() => list.refetch()}>
        <Table<WorkerGroup>
          rowKey={(row) => `${row.id}-${row.name}`}
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          locale={{ emptyText: <EmptyHint text={t('workerGroup.empty')} /> }}
          columns={[
            {
              title: t('workerGroup.name'),
              dataIndex: 'name',
              render: (v, row) => (
                <span>
                  <strong>{v}</strong> {row.systemDefault && <Tag>{t('workerGroup.system')}</Tag>}
                </span>
              ),
            },
            {
              title: t('workerGroup.addresses'),
              dataIndex: 'addrList',
              render: (v: string) => (v ? v.split(',').map((a) => <Tag key={a}>{a}</Tag>) : '-'),
            },
            { title: t('common.description'), dataIndex: 'description', render: orDash },
            { title: t('common.updateTime'), dataIndex: 'updateTime', render: orDash },
            {
              title: t('common.actions'),
              width: 110,
              render: (_, row) => (
                <RowActions
                  actions={[
                    { key: 'edit', label: t('common.edit'), icon: <EditOutlined />, hidden: row.systemDefault, onClick: () => setEditing(row) },
                    {
                      key: 'delete',
                      label: t('common.delete'),
                      icon: <DeleteOutlined />,
                      danger: true,
                      hidden: row.systemDefault,
                      confirm: t('workerGroup.confirmDelete', { name: row.name }),
                      onClick: () => remove.mutate(row.id),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </TableCard>
      <FormModal<GroupForm>
        open={editing !== null}
        title={editing === 'new' ? t('workerGroup.create') : t('workerGroup.edit')}
        initialValues={
          editing && editing !== 'new'
            ? { name: editing.name, addrList: editing.addrList ? editing.addrList.split(',') : [], description: editing.description }
            : { addrList: [] }
        }
        onSubmit={save}
        onClose={() => setEditing(null)}
      >
        {addresses.data && addresses.data.length === 0 && (
          <Alert type="info" showIcon message={t('workerGroup.noWorkers')} style={{ marginBottom: 12 }} />
        )}
        <Form.Item name="name" label={t('workerGroup.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="addrList"
          label={t('workerGroup.addresses')}
          rules={[{ required: true, type: 'array', min: 1, message: t('workerGroup.addressRequired') }]}
        >
          <Select mode="tags" options={(addresses.data ?? []).map((a) => ({ value: a, label: a }))} />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
