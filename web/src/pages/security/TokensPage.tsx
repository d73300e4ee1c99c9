// Access tokens for scripts: `curl -H "token: <token>" ...` authenticates as the token's user
// until it expires. Create (generate a token text), edit expiry, delete.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { Dayjs } from 'dayjs';
import { tokensApi, usersApi } from '../../api/services';
import type { AccessToken } from '../../api/types';
import { useT } from '../../i18n';
import { toApiDate } from '../../lib/format';
import { useAction, useFeedback } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { RowActions } from '../../components/RowActions';
import { EmptyHint, TableCard } from '../../components/TableCard';

interface TokenForm {
  userId: number;
  expireTime: Dayjs;
  token: string;
}

export function TokensPage() {
  const t = useT();
  const feedback = useFeedback();
  const paging = usePaging();
  const [form] = Form.useForm<TokenForm>();
  const [editing, setEditing] = useState<AccessToken | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['tokens', paging.query],
    queryFn: () => tokensApi.page(paging.query),
    placeholderData: keepPreviousData,
  });
  const users = useQuery({ queryKey: ['users-all'], queryFn: () => usersApi.page({ pageNo: 1, pageSize: 1000 }) });
  const remove = useAction({ run: (id: number) => tokensApi.remove(id), success: t('common.deleted'), invalidate: [['tokens']] });

  const generate = async () => {
    const { userId, expireTime } = form.getFieldsValue();
    if (!userId || !expireTime) {
      await form.validateFields(['userId', 'expireTime']);
      return;
    }
    try {
      form.setFieldsValue({ token: await tokensApi.generate(userId, toApiDate(expireTime)!) });
    } catch (error) {
      feedback.fail(error);
    }
  };

  const save = async (values: TokenForm) => {
    const body = { userId: values.userId, expireTime: toApiDate(values.expireTime)!, token: values.token };
    if (editing === 'new') await tokensApi.create(body);
    else if (editing) await tokensApi.update(editing.id, body);
    await list.refetch();
  };

  return (
    <div className="page">
      <PageHeader
        title={t('security.tokens')}
        description={t('token.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('token.create')}
          </Button>
        }
      />
      <TableCard onSearch={paging.search} error={list.error} onRetry={() => list.refetch()}>
        <Table<AccessToken>
          rowKey="id"
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          locale={{ emptyText: <EmptyHint text={t('token.empty')} /> }}
          columns={[
            { title: t('user.name'), dataIndex: 'userName', render: (v, row) => v ?? `#${row.userId}` },
            {
              title: t('token.token'),
              dataIndex: 'token',
              render: (v: string) => (
                <Typography.Text code copyable={{ text: v }}>
                  {v.length > 12 ? `${v.slice(0, 6)}…${v.slice(-4)}` : v}
                </Typography.Text>
              ),
            },
            {
              title: t('token.expireTime'),
              dataIndex: 'expireTime',
              render: (v: string) =>
                dayjs(v).isBefore(dayjs()) ? <Tag color="red">{`${v} · ${t('token.expired')}`}</Tag> : v,
            },
            { title: t('common.createTime'), dataIndex: 'createTime' },
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
                      confirm: t('token.confirmDelete'),
                      onClick: () => remove.mutate(row.id),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </TableCard>
      <FormModal<TokenForm>
        open={editing !== null}
        form={form}
        title={editing === 'new' ? t('token.create') : t('token.edit')}
        initialValues={
          editing && editing !== 'new'
            ? { userId: editing.userId, expireTime: dayjs(editing.expireTime), token: editing.token }
            : { expireTime: dayjs().add(1, 'year').startOf('day') }
        }
        onSubmit={save}
        onClose={() => setEditing(null)}
      >
        <Form.Item name="userId" label={t('user.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={users.isPending}
            options={rowsOf(users.data).map((u) => ({ value: u.id, label: u.userName }))}
          />
        </Form.Item>
        <Form.Item name="expireTime" label={t('token.expireTime')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('token.token')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="token" noStyle rules={[{ required: true, message: t('token.tokenRequired') }]}>
              <Input className="code-input" />
            </Form.Item>
            <Button icon={<ThunderboltOutlined />} onClick={generate}>
              {t('token.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </FormModal>
    </div>
  );
}
