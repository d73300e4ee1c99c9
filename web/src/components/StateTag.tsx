// A coloured tag for a workflow or task state (spinning icon while the state is active).
import { Tag } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ClockCircleOutlined,
  MinusCircleOutlined,
  PauseCircleFilled,
  StopOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { taskStateMeta, workflowStateMeta } from '../lib/states';
import { useT } from '../i18n';

function iconFor(state: string, active?: boolean) {
  if (active) return <SyncOutlined spin />;
  if (state === 'SUCCESS' || state === 'FORCED_SUCCESS') return <CheckCircleFilled />;
  if (state === 'FAILURE' || state === 'NEED_FAULT_TOLERANCE') return <CloseCircleFilled />;
  if (state === 'PAUSE' || state === 'BLOCK') return <PauseCircleFilled />;
  if (state === 'STOP' || state === 'KILL') return <StopOutlined />;
  if (state === 'SKIPPED' || state === 'FORBIDDEN' || state === 'NOT_RUN') return <MinusCircleOutlined />;
  return <ClockCircleOutlined />;
}

export function StateTag({ state, kind = 'task' }: { state: string | null | undefined; kind?: 'workflow' | 'task' }) {
  const t = useT();
  const meta = kind === 'workflow' ? workflowStateMeta(state) : taskStateMeta(state);
  return (
    <Tag
      color={meta.color}
      icon={iconFor(state ?? '', meta.active)}
      data-testid="state-tag"
      data-state={state ?? ''}
      style={{ marginInlineEnd: 0 }}
    >
      {t(meta.label)}
    </Tag>
  );
}
