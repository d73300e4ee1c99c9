// Users: create, edit (this is where a tenant is bound to a user), enable/disable, delete.
// ?edit=<id> opens that user's editor directly (used by the getting-started guide).
import { useEffect, useState } from 'react';
import { Button, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { queuesApi, tenantsApi, usersApi } from '../../api/services';
import type { User } from '../../api/types';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { orDash } from '../../lib/format';
import { useAction } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { RowActions } from '../../components/RowActions';
import { EmptyHint, TableCard } from '../../components/TableCard';

interface UserForm {
  userName: string;
  userPassword?: string;
  tenantId?: number;
  queue?: string;
  email: string;
  phone?: string;
  enabled: boolean;
}

export function UsersPage() {
  const t = useT();
  const session = useSession();
  const paging = usePaging();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['users', paging.query],
    queryFn: () => usersApi.page(paging.query),
    placeholderData: keepPreviousData,
  });
  const tenants = useQuery({ queryKey: ['tenants-list'], queryFn: tenantsApi.list });
  const queues = useQuery({ queryKey: ['queues-list'], queryFn: queuesApi.list });
  const remove = useAction({ run: (id: number) => usersApi.remove(id), success: t('common.deleted'), invalidate: [['users']] });

  const editId = params.get('edit');
  useEffect(() => {
    if (!editId) return;
    const id = Number(editId);
    const found = rowsOf(list.data).find((u) => u.id === id);
    const open = (user: User) => {
      setEditing(user);
      params.delete('edit');
      setParams(params, { replace: true });
    };
    if (found) open(found);
    else if (list.data) {
      usersApi.page({ pageNo: 1, pageSize: 1000 }).then((page) => {
        const user = rowsOf(page).find((u) => u.id === id);
        if (user) open(user);
      });
    }
  }, [editId, list.data, params, setParams]);

  const save = async (values: UserForm) => {
    const form = {
      userName: values.userName.trim(),
      userPassword: values.userPassword ?? '',
      tenantId: values.tenantId ?? 0,
      queue: values.queue ?? '',
      email: values.email.trim(),
      phone: values.phone ?? '',
      state: values.enabled ? 1 : 0,
    };
    if (editing === 'new') await usersApi.create(form);
    else if (editing) {
      await usersApi.update({ ...form, id: editing.id });
      if (editing.id === session.user?.id) await session.refreshUser();
    }
    await list.refetch();
  };

  const tenantName = (id: number) => tenants.data?.find((tn) => tn.id === id)?.tenantCode;

  return (
    <div className="page">
      <PageHeader
        title={t('security.users')}
        description={t('user.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-user">
            {t('user.create')}
          </Button>
        }
      />
      <TableCard onSearch={paging.search} error={list.error} onRetry={() => list.refetch()}>
        <Table<User>
          rowKey="id"
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          locale={{ emptyText: <EmptyHint text={t('user.empty')} /> }}
          columns={[
            { title: t('user.name'), dataIndex: 'userName', render: (v) => <strong>{v}</strong> },
            {
              title: t('user.type'),
              dataIndex: 'userType',
              render: (v) => (v === 'ADMIN_USER' ? <Tag color="blue">{t('user.admin')}</Tag> : <Tag>{t('user.general')}</Tag>),
            },
            {
              title: t('user.tenant'),
              render: (_, row) =>
                row.tenantCode || tenantName(row.tenantId) || (row.tenantId > 0 ? `#${row.tenantId}` : <Tag color="orange">{t('user.noTenant')}</Tag>),
            },
            { title: t('user.queue'), render: (_, row) => orDash(row.queueName || row.queue) },
            { title: t('user.email'), dataIndex: 'email', render: orDash },
            { title: t('user.phone'), dataIndex: 'phone', render: orDash },
            {
              title: t('common.state'),
              dataIndex: 'state',
              render: (v) => (v === 1 ? <Tag color="green">{t('user.enabled')}</Tag> : <Tag color="red">{t('user.disabled')}</Tag>),
            },
            { title: t('common.createTime'), dataIndex: 'createTime', width: 180, render: orDash },
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
                      hidden: row.id === session.user?.id,
                      confirm: t('user.confirmDelete', { name: row.userName }),
                      onClick: () => remove.mutate(row.id),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </TableCard>
      <FormModal<UserForm>
        open={editing !== null}
        title={editing === 'new' ? t('user.create') : t('user.edit', { name: editing?.userName ?? '' })}
        testId="user-form"
        initialValues={
          editing && editing !== 'new'
            ? {
                userName: editing.userName,
                tenantId: editing.tenantId > 0 ? editing.tenantId : undefined,
                queue: editing.queue ?? undefined,
                email: editing.email,
                phone: editing.phone,
                enabled: editing.state === 1,
              }
            : { enabled: true }
        }
        onSubmit={save}
        onClose={() => setEditing(null)}
      >
        <Form.Item
          name="userName"
          label={t('user.name')}
          rules={[
            { required: true, message: t('user.nameRequired') },
            { pattern: /^[a-zA-Z0-9._-]{3,39}$/, message: t('user.namePattern') },
          ]}
        >
          <Input autoComplete="off" data-testid="user-name" />
        </Form.Item>
        <Form.Item
          name="userPassword"
          label={t('login.password')}
          extra={editing !== 'new' ? t('user.passwordKeep') : undefined}
          rules={[
            { required: editing === 'new', message: t('login.passwordRequired') },
            { min: 2, max: 20, message: t('user.passwordLength') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="tenantId"
          label={t('user.tenant')}
          extra={t('user.tenantHelp')}
          rules={[{ required: editing === 'new', message: t('user.tenantRequired') }]}
        >
          <Select
            allowClear
            loading={tenants.isPending}
            placeholder={t('user.chooseTenant')}
            options={(tenants.data ?? []).map((tn) => ({ value: tn.id, label: tn.tenantCode }))}
            notFoundContent={t('user.noTenants')}
            data-testid="user-tenant"
          />
        </Form.Item>
        <Form.Item name="queue" label={t('user.queue')}>
          <Select allowClear options={(queues.data ?? []).map((q) => ({ value: q.queueName, label: q.queueName }))} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('user.email')}
          rules={[
            { required: true, message: t('user.emailRequired') },
            { type: 'email', message: t('user.emailInvalid') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')} rules={[{ pattern: /^(\d{11})?$/, message: t('user.phoneInvalid') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="enabled" label={t('user.enabled')} valuePropName="checked">
          <Switch disabled={editing !== 'new' && editing?.id === session.user?.id} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
