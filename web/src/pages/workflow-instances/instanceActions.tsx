// Buttons acting on a workflow instance — stop, pause, resume, rerun, recover failed tasks,
// delete — shown only in the states where the server allows them.
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import type { ButtonProps } from 'antd';
import {
  CaretRightOutlined,
  DeleteOutlined,
  PauseOutlined,
  RedoOutlined,
  StopOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { executorsApi, ExecuteType, instancesApi } from '../../api/services';
import type { ProcessInstance } from '../../api/types';
import { useT } from '../../i18n';
import { allowedInstanceActions } from '../../lib/states';
import { useAction } from '../../components/feedback';

export function InstanceActions({
  projectCode,
  instance,
  variant = 'icons',
  onDone,
  onDeleted,
}: {
  projectCode: number;
  instance: ProcessInstance;
  variant?: 'icons' | 'buttons';
  onDone?: () => void;
  onDeleted?: () => void;
}) {
  const t = useT();
  const allowed = allowedInstanceActions(instance.state);
  const execute = useAction({
    run: (type: ExecuteType) => executorsApi.execute(projectCode, instance.id, type),
    success: (_, type) => t(`instance.did.${type}`),
    onDone: () => onDone?.(),
  });
  const remove = useAction({
    run: () => instancesApi.remove(projectCode, instance.id),
    success: t('common.deleted'),
    onDone: () => (onDeleted ?? onDone)?.(),
  });
  const busy = execute.isPending || remove.isPending;

  const items: { key: string; type?: ExecuteType; show: boolean; icon: JSX.Element; label: string; confirm?: string; danger?: boolean }[] = [
    { key: 'stop', type: 'STOP', show: allowed.stop, icon: <StopOutlined />, label: t('instance.stop'), confirm: t('instance.confirmStop'), danger: true },
    { key: 'pause', type: 'PAUSE', show: allowed.pause, icon: <PauseOutlined />, label: t('instance.pause') },
    { key: 'resume', type: 'RECOVER_SUSPENDED_PROCESS', show: allowed.resume, icon: <CaretRightOutlined />, label: t('instance.resume') },
    { key: 'recover', type: 'START_FAILURE_TASK_PROCESS', show: allowed.recoverFailed, icon: <ToolOutlined />, label: t('instance.recoverFailed') },
    { key: 'rerun', type: 'REPEAT_RUNNING', show: allowed.rerun, icon: <RedoOutlined />, label: t('instance.rerun'), confirm: t('instance.confirmRerun') },
    { key: 'delete', show: allowed.remove, icon: <DeleteOutlined />, label: t('common.delete'), confirm: t('instance.confirmDelete'), danger: true },
  ];

  return (
    <Space size={variant === 'icons' ? 2 : 8} wrap>
      {items
        .filter((item) => item.show)
        .map((item) => {
          const act = () => (item.type ? execute.mutate(item.type) : remove.mutate());
          const button =
            variant === 'icons' ? (
              <Button
                type="text"
                size="small"
                icon={item.icon}
                danger={item.danger}
                disabled={busy}
                aria-label={item.label}
                data-testid={`instance-${item.key}`}
                onClick={item.confirm ? undefined : act}
              />
            ) : (
              <Button icon={item.icon} danger={item.danger} disabled={busy} data-testid={`instance-${item.key}`} onClick={item.confirm ? undefined : act}>
                {item.label}
              </Button>
            );
          const wrapped = item.confirm ? (
            <Popconfirm title={item.confirm} onConfirm={act} okButtonProps={{ danger: item.danger, 'data-testid': 'confirm-ok' } as ButtonProps}>
              {button}
            </Popconfirm>
          ) : (
            button
          );
          return variant === 'icons' ? (
            <Tooltip key={item.key} title={item.label}>
              {wrapped}
            </Tooltip>
          ) : (
            <span key={item.key}>{wrapped}</span>
          );
        })}
    </Space>
  );
}
