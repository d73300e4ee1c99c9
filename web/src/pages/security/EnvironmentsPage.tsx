// Environments: shell text (exports, PATH, virtualenv activation) sourced before a task's own
// command instead of the default env file, with the worker groups it applies to.
import { useState } from 'react';
import { Button, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { environmentsApi, workerGroupsApi } from '../../api/services';
import type { Environment } from '../../api/types';
import { useT } from '../../i18n';
import { orDash } from '../../lib/format';
import { useAction } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { RowActions } from '../../components/RowActions';
import { EmptyHint, TableCard } from '../../components/TableCard';

interface EnvForm {
  name: string;
  config: string;
  description?: string;
  workerGroups: string[];
}

const EXAMPLE = 'export PYTHON_HOME=/opt/venv/bin/python\nexport PATH=/opt/venv/bin:$PATH\nexport MLFLOW_TRACKING_URI=http://127.0.0.1:5000';

export function EnvironmentsPage() {
  const t = useT();
  const paging = usePaging();
  const [editing, setEditing] = useState<Environment | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['environments', paging.query],
    queryFn: () => environmentsApi.page(paging.query),
    placeholderData: keepPreviousData,
  });
  const groups = useQuery({ queryKey: ['worker-groups-all'], queryFn: workerGroupsApi.all });
  const remove = useAction({
    run: (code: number) => environmentsApi.remove(code),
    success: t('common.deleted'),
    invalidate: [['environments']],
  });
  const save = async (values: EnvForm) => {
    if (editing === 'new') await environmentsApi.create(values);
    else if (editing) await environmentsApi.update({ ...values, code: editing.code });
    await list.refetch();
  };
  return (
    <div className="page">
      <PageHeader
        title={t('security.environments')}
        description={t('env.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('env.create')}
          </Button>
        }
      />
      <TableCard onSearch={paging.search} error={list.error} onRetry={() => list.refetch()}>
        <Table<Environment>
          rowKey="code"
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          locale={{ emptyText: <EmptyHint text={t('env.empty')} /> }}
          expandable={{
            expandedRowRender: (row) => <pre className="code-block">{row.config}</pre>,
          }}
          columns={[
            { title: t('env.name'), dataIndex: 'name', render: (v) => <strong>{v}</strong> },
            { title: t('env.code'), dataIndex: 'code' },
            {
              title: t('env.config'),
              dataIndex: 'config',
              ellipsis: true,
              render: (v: string) => <Typography.Text code>{(v ?? '').split('\n')[0]}</Typography.Text>,
            },
            {
              title: t('env.workerGroups'),
              dataIndex: 'workerGroups',
              render: (v: string[] | undefined) => (v?.length ? v.map((g) => <Tag key={g}>{g}</Tag>) : '-'),
            },
            { title: t('common.description'), dataIndex: 'description', render: orDash },
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
                      confirm: t('env.confirmDelete', { name: row.name }),
                      onClick: () => remove.mutate(row.code),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </TableCard>
      <FormModal<EnvForm>
        open={editing !== null}
        width={760}
        title={editing === 'new' ? t('env.create') : t('env.edit')}
        initialValues={
          editing && editing !== 'new'
            ? { name: editing.name, config: editing.config, description: editing.description, workerGroups: editing.workerGroups ?? [] }
            : { workerGroups: ['default'] }
        }
        onSubmit={save}
        onClose={() => setEditing(null)}
      >
        <Form.Item name="name" label={t('env.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="config"
          label={t('env.config')}
          extra={t('env.configHelp')}
          rules={[{ required: true, message: t('env.configRequired') }]}
        >
          <Input.TextArea className="code-input" rows={10} placeholder={EXAMPLE} spellCheck={false} />
        </Form.Item>
        <Form.Item name="workerGroups" label={t('env.workerGroups')}>
          <Select mode="multiple" options={(groups.data ?? ['default']).map((g) => ({ value: g, label: g }))} />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
