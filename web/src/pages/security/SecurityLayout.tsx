// The security section (administrators only): tenants, users, queues, worker groups,
// environments and access tokens.
import { Link, Navigate, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import {
  ApartmentOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { SideLayout } from '../../layout/SideLayout';

export function SecurityLayout() {
  const t = useT();
  const { isAdmin } = useSession();
  const location = useLocation();
  const selected = location.pathname.split('/')[2] ?? 'tenants';
  if (location.pathname === '/security' || location.pathname === '/security/') return <Navigate to="/security/tenants" replace />;
  if (!isAdmin) return <Result status="403" title={t('security.adminOnly')} />;
  const item = (key: string, icon: JSX.Element) => ({
    key,
    icon,
    label: <Link to={`/security/${key}`}>{t(`security.${key}`)}</Link>,
  });
  return (
    <SideLayout
      selected={selected}
      header={<div className="side-title">{t('nav.security')}</div>}
      items={[
        item('tenants', <ApartmentOutlined />),
        item('users', <TeamOutlined />),
        item('queues', <UnorderedListOutlined />),
        item('worker-groups', <ClusterOutlined />),
        item('environments', <EnvironmentOutlined />),
        item('tokens', <KeyOutlined />),
      ]}
    />
  );
}
