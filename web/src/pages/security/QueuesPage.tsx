// Queues (YARN queue names kept for compatibility): list, create, edit.
import { useState } from 'react';
import { Button, Form, Input, Table } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queuesApi } from '../../api/services';
import type { Queue } from '../../api/types';
import { useT } from '../../i18n';
import { orDash } from '../../lib/format';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { RowActions } from '../../components/RowActions';
import { EmptyHint, TableCard } from '../../components/TableCard';

export function QueuesPage() {
  const t = useT();
  const paging = usePaging();
  const [editing, setEditing] = useState<Queue | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['queues', paging.query],
    queryFn: () => queuesApi.page(paging.query),
    placeholderData: keepPreviousData,
  });
  const save = async (values: { queueName: string; queue: string }) => {
    if (editing === 'new') await queuesApi.create(values);
    else if (editing) await queuesApi.update(editing.id, values);
    await list.refetch();
  };
  return (
    <div className="page">
      <PageHeader
        title={t('security.queues')}
        description={t('queue.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('queue.create')}
          </Button>
        }
      />
      <TableCard onSearch={paging.search} error={list.error} onRetry={() => list.refetch()}>
        <Table<Queue>
          rowKey="id"
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          locale={{ emptyText: <EmptyHint text={t('queue.empty')} /> }}
          columns={[
            { title: t('queue.name'), dataIndex: 'queueName', render: (v) => <strong>{v}</strong> },
            { title: t('queue.value'), dataIndex: 'queue' },
            { title: t('common.createTime'), dataIndex: 'createTime', render: orDash },
            { title: t('common.updateTime'), dataIndex: 'updateTime', render: orDash },
            {
              title: t('common.actions'),
              width: 90,
              render: (_, row) => (
                <RowActions actions={[{ key: 'edit', label: t('common.edit'), icon: <EditOutlined />, onClick: () => setEditing(row) }]} />
              ),
            },
          ]}
        />
      </TableCard>
      <FormModal<{ queueName: string; queue: string }>
        open={editing !== null}
        title={editing === 'new' ? t('queue.create') : t('queue.edit')}
        initialValues={editing && editing !== 'new' ? { queueName: editing.queueName, queue: editing.queue } : undefined}
        onSubmit={save}
        onClose={() => setEditing(null)}
      >
        <Form.Item name="queueName" label={t('queue.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="queue" label={t('queue.value')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
      </FormModal>
    </div>
  );
}
