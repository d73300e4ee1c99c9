// Sign-in page. Explains failures in plain words (wrong credentials, disabled user, server not
// reachable, session expired) and, after signing in, sends a newcomer to the getting-started
// guide and everyone else back where they were (or home).
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { LanguageSwitch } from '../../layout/AppLayout';
import { Logo } from '../../layout/Logo';
import { isSetupComplete } from '../../lib/setupProgress';
import { loadSetupFacts } from '../getting-started/setupFacts';

function loginErrorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.code === 10013) return t('login.wrongPassword');
    if (error.code === 10148) return t('login.disabled');
    if (error.code === 10004) return t('login.nameRequired');
    if (error.code === -1) return t('login.unreachable');
  }
  return errorMessage(error);
}

export function LoginPage() {
  const t = useT();
  const { login, status } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const redirect = params.get('redirect');
  const expired = params.get('expired') === '1';

  if (status === 'ready' && !busy) return <Navigate to={redirect || '/home'} replace />;

  const submit = async (values: { userName: string; userPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      const user = await login(values.userName.trim(), values.userPassword);
      // A page asked for explicitly wins; otherwise a newcomer starts with the setup guide.
      let target = redirect && !redirect.startsWith('/login') ? redirect : '/home';
      if (target === '/home') {
        try {
          if (!isSetupComplete(await loadSetupFacts(user))) target = '/getting-started';
        } catch {
          // the checklist is a convenience; go on to the page anyway
        }
      }
      navigate(target, { replace: true });
    } catch (err) {
      setError(loginErrorText(err, t));
      setBusy(false);
    }
    // on success `busy` stays set: the page is leaving, and it must not redirect a second time
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card" variant="borderless">
        <div className="login-brand">
          <Logo size={40} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              Porpoise
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.tagline')}</Typography.Text>
          </div>
        </div>
        {expired && !error && (
          <Alert type="info" showIcon message={t('login.expired')} style={{ marginBottom: 16 }} data-testid="login-expired" />
        )}
        {error && (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false} size="large" disabled={busy}>
          <Form.Item name="userName" label={t('login.userName')} rules={[{ required: true, message: t('login.nameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="userPassword"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-hint">
          {t('login.defaultHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
