// Tenants: the OS users tasks run as. List with search and paging, create, edit, delete.
import { useEffect, useState } from 'react';
import { Button, Form, Input, Select, Table } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { queuesApi, tenantsApi } from '../../api/services';
import type { Tenant } from '../../api/types';
import { useT } from '../../i18n';
import { orDash } from '../../lib/format';
import { useAction } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { RowActions } from '../../components/RowActions';
import { EmptyHint, TableCard } from '../../components/TableCard';

interface TenantForm {
  tenantCode: string;
  queueId: number;
  description?: string;
}

export function TenantsPage() {
  const t = useT();
  const paging = usePaging();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Tenant | 'new' | null>(null);
  const [form] = Form.useForm<TenantForm>();
  const list = useQuery({
    queryKey: ['tenants', paging.query],
    queryFn: () => tenantsApi.page(paging.query),
    placeholderData: keepPreviousData,
  });
  const queues = useQuery({ queryKey: ['queues-list'], queryFn: queuesApi.list });
  const remove = useAction({
    run: (id: number) => tenantsApi.remove(id),
    success: t('common.deleted'),
    invalidate: [['tenants'], ['setup-facts']],
  });

  useEffect(() => {
    if (params.get('create') === '1') {
      setEditing('new');
      params.delete('create');
      setParams(params, { replace: true });
    }
  }, [params, setParams]);

  useEffect(() => {
    // the queue list may arrive after the dialog opened: preselect the first queue then
    if (editing === 'new' && queues.data?.length && !form.getFieldValue('queueId')) {
      form.setFieldsValue({ queueId: queues.data[0].id });
    }
  }, [editing, queues.data, form]);

  const save = async (values: TenantForm) => {
    if (editing === 'new') await tenantsApi.create(values);
    else if (editing) await tenantsApi.update(editing.id, values);
    await list.refetch();
  };

  return (
    <div className="page">
      <PageHeader
        title={t('security.tenants')}
        description={t('tenant.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-tenant">
            {t('tenant.create')}
          </Button>
        }
      />
      <TableCard onSearch={paging.search} error={list.error} onRetry={() => list.refetch()}>
        <Table<Tenant>
          rowKey="id"
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          locale={{ emptyText: <EmptyHint text={t('tenant.empty')} /> }}
          columns={[
            { title: t('tenant.code'), dataIndex: 'tenantCode', render: (v) => <strong>{v}</strong> },
            { title: t('tenant.queue'), dataIndex: 'queueName', render: orDash },
            { title: t('common.description'), dataIndex: 'description', render: orDash, ellipsis: true },
            { title: t('common.createTime'), dataIndex: 'createTime', width: 180, render: orDash },
            { title: t('common.updateTime'), dataIndex: 'updateTime', width: 180, render: orDash },
            {
              title: t('common.actions'),
              width: 110,
              render: (_, row) => (
                <RowActions
                  actions={[
                    { key: 'edit', label: t('common.edit'), icon: <EditOutlined />, onClick: () => setEditing(row) },
                    {
                      key: 'delete',
                      label: t('common.delete'),
                      icon: <DeleteOutlined />,
                      danger: true,
                      confirm: t('tenant.confirmDelete', { name: row.tenantCode }),
                      onClick: () => remove.mutate(row.id),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </TableCard>
      <FormModal<TenantForm>
        open={editing !== null}
        title={editing === 'new' ? t('tenant.create') : t('tenant.edit')}
        testId="tenant-form"
        form={form}
        initialValues={
          editing && editing !== 'new'
            ? { tenantCode: editing.tenantCode, queueId: editing.queueId, description: editing.description }
            : { queueId: queues.data?.[0]?.id }
        }
        onSubmit={save}
        onClose={() => setEditing(null)}
      >
        <Form.Item
          name="tenantCode"
          label={t('tenant.code')}
          extra={t('tenant.codeHelp')}
          rules={[
            { required: true, message: t('tenant.codeRequired') },
            { max: 30, message: t('tenant.codeTooLong') },
            { pattern: /^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/, message: t('tenant.codePattern') },
          ]}
        >
          <Input placeholder="etl" data-testid="tenant-code" />
        </Form.Item>
        <Form.Item name="queueId" label={t('tenant.queue')} rules={[{ required: true, message: t('tenant.queueRequired') }]}>
          <Select
            loading={queues.isPending}
            options={(queues.data ?? []).map((q) => ({ value: q.id, label: `${q.queueName} (${q.queue})` }))}
            data-testid="tenant-queue"
          />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')} rules={[{ max: 255 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
