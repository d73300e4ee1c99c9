// The frame of every signed-in page: top bar with the product name, main sections, language
// switch and the user menu (who is logged in, log out); the page itself renders in <Outlet/>.
import { Avatar, Dropdown, Layout, Menu, Segmented, Space, Tag, Typography } from 'antd';
import { AppstoreOutlined, HomeOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';
import { Language, useI18n } from '../i18n';
import { Logo } from './Logo';

export function LanguageSwitch() {
  const { language, setLanguage } = useI18n();
  return (
    <Segmented
      size="small"
      value={language}
      onChange={(value) => setLanguage(value as Language)}
      options={[
        { label: 'EN', value: 'en' },
        { label: '中文', value: 'zh' },
      ]}
      data-testid="language-switch"
    />
  );
}

export function AppLayout() {
  const { user, isAdmin, logout } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const section = location.pathname.split('/')[1] || 'home';

  const items = [
    { key: 'home', icon: <HomeOutlined />, label: <Link to="/home">{t('nav.home')}</Link> },
    { key: 'projects', icon: <AppstoreOutlined />, label: <Link to="/projects">{t('nav.projects')}</Link> },
    ...(isAdmin ? [{ key: 'security', icon: <SafetyOutlined />, label: <Link to="/security/tenants">{t('nav.security')}</Link> }] : []),
  ];

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <Link to="/home" className="app-brand">
          <Logo />
          <span>Porpoise</span>
        </Link>
        <Menu mode="horizontal" selectedKeys={[section === 'getting-started' ? 'home' : section]} items={items} className="app-nav" />
        <Space size="middle" className="app-header-right">
          <LanguageSwitch />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'who',
                  disabled: true,
                  label: (
                    <div className="user-card">
                      <Typography.Text strong>{user?.userName}</Typography.Text>
                      <div className="muted">
                        {isAdmin ? t('user.admin') : t('user.general')} ·{' '}
                        {user?.tenantCode || (user?.tenantId ? `${t('user.tenant')} #${user.tenantId}` : t('user.noTenant'))}
                      </div>
                      {user?.timeZone && <div className="muted">{user.timeZone}</div>}
                    </div>
                  ),
                },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: () => void logout() },
              ],
            }}
          >
            <button className="user-button" data-testid="user-menu" type="button">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
              <span data-testid="current-user">{user?.userName}</span>
              {isAdmin && <Tag color="blue" style={{ marginInlineEnd: 0 }}>admin</Tag>}
            </button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
