// Frame of the pages inside one project: the project's name and a menu of its workflow
// definitions, workflow instances and task instances. Unknown project codes get a clear page.
import { Link, Outlet, useLocation, useParams } from 'react-router-dom';
import { Breadcrumb, Button, Layout, Menu, Result, Skeleton, Typography } from 'antd';
import { ApartmentOutlined, HistoryOutlined, OrderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { projectsApi } from '../../api/services';
import type { Project } from '../../api/types';
import { useT } from '../../i18n';

const ProjectContext = createContext<Project | null>(null);

export function useProject(): Project {
  const project = useContext(ProjectContext);
  if (!project) throw new Error('useProject must be used inside ProjectLayout');
  return project;
}

export function useProjectCode(): number {
  return Number(useParams().projectCode);
}

export function ProjectLayout() {
  const t = useT();
  const code = useProjectCode();
  const location = useLocation();
  const project = useQuery({ queryKey: ['project', code], queryFn: () => projectsApi.get(code), enabled: Number.isFinite(code) });
  const base = `/projects/${code}`;
  const rest = location.pathname.slice(base.length);
  const selected = rest.startsWith('/workflow/instances') ? 'instances' : rest.startsWith('/task/instances') ? 'tasks' : 'definitions';

  if (project.isError) {
    const missing = project.error instanceof ApiError && (project.error.code === 10018 || project.error.code === 10190);
    return (
      <Result
        status={missing ? '404' : 'warning'}
        title={missing ? t('project.notFound') : t('common.loadFailed')}
        subTitle={errorMessage(project.error)}
        extra={
          <Link to="/projects">
            <Button type="primary">{t('project.backToList')}</Button>
          </Link>
        }
      />
    );
  }

  return (
    <Layout className="side-layout">
      <Layout.Sider width={232} theme="light" className="side-menu" breakpoint="lg" collapsedWidth={64}>
        <div className="side-title">
          <Breadcrumb items={[{ title: <Link to="/projects">{t('nav.projects')}</Link> }]} />
          {project.data ? (
            <Typography.Text strong ellipsis className="project-name" data-testid="project-title">
              {project.data.name}
            </Typography.Text>
          ) : (
            <Skeleton.Input active size="small" />
          )}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          style={{ borderInlineEnd: 0 }}
          items={[
            {
              key: 'definitions',
              icon: <ApartmentOutlined />,
              label: <Link to={`${base}/workflow/definitions`}>{t('nav.definitions')}</Link>,
            },
            {
              key: 'instances',
              icon: <HistoryOutlined />,
              label: <Link to={`${base}/workflow/instances`} data-testid="nav-instances">{t('nav.instances')}</Link>,
            },
            {
              key: 'tasks',
              icon: <OrderedListOutlined />,
              label: <Link to={`${base}/task/instances`} data-testid="nav-task-instances">{t('nav.taskInstances')}</Link>,
            },
          ]}
        />
      </Layout.Sider>
      <Layout.Content className="side-content">
        {project.data ? (
          <ProjectContext.Provider value={project.data}>
            <Outlet />
          </ProjectContext.Provider>
        ) : (
          <div className="page">
            <Skeleton active />
          </div>
        )}
      </Layout.Content>
    </Layout>
  );
}
