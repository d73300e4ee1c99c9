// Projects: list with search and paging, create, edit (name, description, owner), delete.
// ?create=1 opens the create dialog (used by the getting-started guide).
import { useEffect, useState } from 'react';
import { Button, Form, Input, Select, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { projectsApi, usersApi } from '../../api/services';
import type { Project } from '../../api/types';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { orDash } from '../../lib/format';
import { useAction } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { rowsOf, usePaging } from '../../components/paging';
import { RowActions } from '../../components/RowActions';
import { EmptyHint, TableCard } from '../../components/TableCard';

interface ProjectForm {
  projectName: string;
  description?: string;
  userName?: string;
}

export function ProjectsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { isAdmin, user } = useSession();
  const paging = usePaging();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['projects', paging.query],
    queryFn: () => projectsApi.page(paging.query),
    placeholderData: keepPreviousData,
  });
  const users = useQuery({
    queryKey: ['users-all'],
    queryFn: () => usersApi.page({ pageNo: 1, pageSize: 1000 }),
    enabled: isAdmin && editing !== null && editing !== 'new',
  });
  const remove = useAction({
    run: (code: number) => projectsApi.remove(code),
    success: t('common.deleted'),
    invalidate: [['projects'], ['setup-facts'], ['first-project']],
  });

  useEffect(() => {
    if (params.get('create') === '1') {
      setEditing('new');
      params.delete('create');
      setParams(params, { replace: true });
    }
  }, [params, setParams]);

  const save = async (values: ProjectForm) => {
    if (editing === 'new') {
      const project = await projectsApi.create({ projectName: values.projectName.trim(), description: values.description });
      await list.refetch();
      if (project?.code) navigate(`/projects/${project.code}/workflow/definitions`);
    } else if (editing) {
      await projectsApi.update(editing.code, {
        projectName: values.projectName.trim(),
        description: values.description,
        userName: values.userName || editing.userName || user?.userName || '',
      });
      await list.refetch();
    }
  };

  return (
    <div className="page">
      <PageHeader
        title={t('nav.projects')}
        description={t('project.help')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-project">
            {t('project.create')}
          </Button>
        }
      />
      <TableCard onSearch={paging.search} searchPlaceholder={t('project.search')} error={list.error} onRetry={() => list.refetch()}>
        <Table<Project>
          rowKey="code"
          loading={list.isFetching && !list.data}
          dataSource={rowsOf(list.data)}
          pagination={paging.pagination(list.data)}
          locale={{
            emptyText: (
              <EmptyHint
                text={paging.searchVal ? t('common.noMatch') : t('project.empty')}
                action={
                  !paging.searchVal && (
                    <Button type="primary" onClick={() => setEditing('new')}>
                      {t('project.create')}
                    </Button>
                  )
                }
              />
            ),
          }}
          columns={[
            {
              title: t('project.name'),
              dataIndex: 'name',
              render: (v, row) => (
                <Link to={`/projects/${row.code}/workflow/definitions`} data-testid="project-link">
                  <strong>{v}</strong>
                </Link>
              ),
            },
            { title: t('project.owner'), dataIndex: 'userName', render: orDash },
            { title: t('project.workflows'), dataIndex: 'defCount', width: 110, render: (v) => v ?? 0 },
            {
              title: t('project.running'),
              dataIndex: 'instRunningCount',
              width: 120,
              render: (v) => (v ? <Tag color="processing">{v}</Tag> : 0),
            },
            { title: t('common.description'), dataIndex: 'description', ellipsis: true, render: orDash },
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
                      confirm: t('project.confirmDelete', { name: row.name }),
                      onClick: () => remove.mutate(row.code),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </TableCard>
      <FormModal<ProjectForm>
        open={editing !== null}
        title={editing === 'new' ? t('project.create') : t('project.edit')}
        testId="project-form"
        initialValues={
          editing && editing !== 'new'
            ? { projectName: editing.name, description: editing.description, userName: editing.userName }
            : undefined
        }
        onSubmit={save}
        onClose={() => setEditing(null)}
      >
        <Form.Item
          name="projectName"
          label={t('project.name')}
          rules={[
            { required: true, message: t('project.nameRequired') },
            { max: 100, message: t('common.tooLong') },
          ]}
        >
          <Input data-testid="project-name" />
        </Form.Item>
        {editing !== 'new' && isAdmin && (
          <Form.Item name="userName" label={t('project.owner')}>
            <Select
              showSearch
              options={rowsOf(users.data).map((u) => ({ value: u.userName, label: u.userName }))}
              loading={users.isFetching}
            />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('common.description')} rules={[{ max: 255, message: t('common.tooLong') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
