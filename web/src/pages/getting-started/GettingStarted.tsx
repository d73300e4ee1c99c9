// The newcomer guide: four steps from a fresh installation to a workflow that can run, each
// with what it means, whether it is done, and a button that goes where it is done.
import { Alert, Button, Card, Progress, Skeleton, Steps, Typography } from 'antd';
import { CheckCircleFilled, RocketOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { currentStep, setupSteps, StepId } from '../../lib/setupProgress';
import { ErrorPanel } from '../../components/QueryState';
import { firstProjectCode, useSetupFacts } from './setupFacts';

export function GettingStartedGuide({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { user, isAdmin } = useSession();
  const facts = useSetupFacts(user);
  const project = useQuery({ queryKey: ['first-project'], queryFn: firstProjectCode, enabled: !!user });

  if (facts.isPending) return <Skeleton active />;
  if (facts.isError) return <ErrorPanel error={facts.error} onRetry={() => facts.refetch()} />;
  const steps = setupSteps(facts.data);
  const current = currentStep(steps);
  const doneCount = steps.filter((s) => s.done).length;

  const action = (id: StepId) => {
    switch (id) {
      case 'tenant':
        return isAdmin ? (
          <Button type="primary" onClick={() => navigate('/security/tenants?create=1')} data-testid="step-action-tenant">
            {t('start.tenant.action')}
          </Button>
        ) : null;
      case 'bind':
        return isAdmin ? (
          <Button type="primary" onClick={() => navigate(`/security/users?edit=${user?.id}`)} data-testid="step-action-bind">
            {t('start.bind.action')}
          </Button>
        ) : null;
      case 'project':
        return (
          <Button type="primary" onClick={() => navigate('/projects?create=1')} data-testid="step-action-project">
            {t('start.project.action')}
          </Button>
        );
      case 'workflow':
        return (
          <Button
            type="primary"
            disabled={!project.data}
            onClick={() => navigate(`/projects/${project.data}/workflow/definitions?import=1`)}
            data-testid="step-action-workflow"
          >
            {t('start.workflow.action')}
          </Button>
        );
    }
  };

  const items = steps.map((step, index) => ({
    title: <span data-testid={`step-${step.id}`} data-done={step.done ? 'true' : 'false'}>{t(`start.${step.id}.title`)}</span>,
    status: step.done ? ('finish' as const) : index === current ? ('process' as const) : ('wait' as const),
    icon: step.done ? <CheckCircleFilled /> : undefined,
    description: (
      <div className="start-step">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t(`start.${step.id}.text`)}
          {!isAdmin && (step.id === 'tenant' || step.id === 'bind') && !step.done ? ` ${t('start.askAdmin')}` : ''}
        </Typography.Paragraph>
        {!step.done && index === current && action(step.id)}
        {step.done && <Typography.Text type="success">{t('start.done')}</Typography.Text>}
      </div>
    ),
  }));

  if (compact) {
    return (
      <Card
        className="start-banner"
        data-testid="getting-started-banner"
        title={
          <span>
            <RocketOutlined /> {t('start.bannerTitle')}
          </span>
        }
        extra={<Button onClick={() => navigate('/getting-started')}>{t('start.openGuide')}</Button>}
      >
        <Progress percent={Math.round((doneCount / steps.length) * 100)} steps={steps.length} size={[48, 8]} />
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {current >= 0 ? t('start.next', { step: t(`start.${steps[current].id}.title`) }) : t('start.allDone')}
        </Typography.Paragraph>
      </Card>
    );
  }

  return (
    <div data-testid="getting-started">
      {current < 0 ? (
        <Alert type="success" showIcon message={t('start.allDone')} style={{ marginBottom: 16 }} />
      ) : null}
      <Steps direction="vertical" current={current < 0 ? steps.length : current} items={items} />
      <Alert
        type="info"
        showIcon
        message={t('start.afterTitle')}
        description={t('start.afterText')}
        style={{ marginTop: 8 }}
      />
    </div>
  );
}

export function GettingStartedPage() {
  const t = useT();
  return (
    <div className="page narrow-page">
      <div className="welcome-hero">
        <RocketOutlined className="welcome-icon" />
        <div>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="welcome-title">
            {t('start.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('start.subtitle')}
          </Typography.Paragraph>
        </div>
      </div>
      <Card>
        <GettingStartedGuide />
      </Card>
    </div>
  );
}
