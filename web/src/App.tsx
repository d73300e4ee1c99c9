// Routes of the UI (all under the basename /dolphinscheduler/ui). Everything except /login
// needs a session; unknown paths show a not-found page inside the app frame.
import { lazy, Suspense } from 'react';
import { Button, Result, Spin } from 'antd';
import { Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from './auth/session';
import { useT } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/login/LoginPage';

const HomePage = lazy(() => import('./pages/home/HomePage').then((m) => ({ default: m.HomePage })));
const GettingStartedPage = lazy(() => import('./pages/getting-started/GettingStarted').then((m) => ({ default: m.GettingStartedPage })));
const SecurityLayout = lazy(() => import('./pages/security/SecurityLayout').then((m) => ({ default: m.SecurityLayout })));
const TenantsPage = lazy(() => import('./pages/security/TenantsPage').then((m) => ({ default: m.TenantsPage })));
const UsersPage = lazy(() => import('./pages/security/UsersPage').then((m) => ({ default: m.UsersPage })));
const QueuesPage = lazy(() => import('./pages/security/QueuesPage').then((m) => ({ default: m.QueuesPage })));
const WorkerGroupsPage = lazy(() => import('./pages/security/WorkerGroupsPage').then((m) => ({ default: m.WorkerGroupsPage })));
const EnvironmentsPage = lazy(() => import('./pages/security/EnvironmentsPage').then((m) => ({ default: m.EnvironmentsPage })));
const TokensPage = lazy(() => import('./pages/security/TokensPage').then((m) => ({ default: m.TokensPage })));
const ProjectsPage = lazy(() => import('./pages/projects/ProjectsPage').then((m) => ({ default: m.ProjectsPage })));
const ProjectLayout = lazy(() => import('./pages/projects/ProjectLayout').then((m) => ({ default: m.ProjectLayout })));
const DefinitionsPage = lazy(() => import('./pages/workflow-definitions/DefinitionsPage').then((m) => ({ default: m.DefinitionsPage })));
const DefinitionDetailPage = lazy(() =>
  import('./pages/workflow-definitions/DefinitionDetailPage').then((m) => ({ default: m.DefinitionDetailPage })),
);
const WorkflowEditorPage = lazy(() => import('./pages/workflow-editor/WorkflowEditorPage').then((m) => ({ default: m.WorkflowEditorPage })));
const InstancesPage = lazy(() => import('./pages/workflow-instances/InstancesPage').then((m) => ({ default: m.InstancesPage })));
const InstanceDetailPage = lazy(() => import('./pages/workflow-instances/InstanceDetailPage').then((m) => ({ default: m.InstanceDetailPage })));
const TaskInstancesPage = lazy(() => import('./pages/task-instances/TaskInstancesPage').then((m) => ({ default: m.TaskInstancesPage })));

function FullPageSpin() {
  return (
    <div className="full-center">
      <Spin size="large" />
    </div>
  );
}

function RequireSession() {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'anonymous') {
    const here = location.pathname + location.search;
    return <Navigate to={`/login?redirect=${encodeURIComponent(here)}`} replace />;
  }
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Outlet />
    </Suspense>
  );
}

function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.text')}
      extra={
        <Link to="/home">
          <Button type="primary">{t('nav.home')}</Button>
        </Link>
      }
    />
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/home" replace />} />
          <Route path="home" element={<HomePage />} />
          <Route path="getting-started" element={<GettingStartedPage />} />
          <Route path="security" element={<SecurityLayout />}>
            <Route path="tenants" element={<TenantsPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="queues" element={<QueuesPage />} />
            <Route path="worker-groups" element={<WorkerGroupsPage />} />
            <Route path="environments" element={<EnvironmentsPage />} />
            <Route path="tokens" element={<TokensPage />} />
          </Route>
          <Route path="projects" element={<ProjectsPage />} />
          <Route path="projects/:projectCode" element={<ProjectLayout />}>
            <Route index element={<Navigate to="workflow/definitions" replace />} />
            <Route path="workflow/definitions" element={<DefinitionsPage />} />
            <Route path="workflow/definitions/create" element={<WorkflowEditorPage />} />
            <Route path="workflow/definitions/:definitionCode" element={<DefinitionDetailPage />} />
            <Route path="workflow/definitions/:definitionCode/edit" element={<WorkflowEditorPage />} />
            <Route path="workflow/instances" element={<InstancesPage />} />
            <Route path="workflow/instances/:instanceId" element={<InstanceDetailPage />} />
            <Route path="task/instances" element={<TaskInstancesPage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
