// Icon buttons for a table row, with tooltips and an optional confirmation.
import { ReactNode } from 'react';
import { Button, Popconfirm, Space, Tooltip } from 'antd';

export interface RowAction {
  key: string;
  label: string;
  icon: ReactNode;
  onClick: () => void;
  danger?: boolean;
  disabled?: boolean;
  confirm?: string;
  hidden?: boolean;
  loading?: boolean;
}

export function RowActions({ actions }: { actions: RowAction[] }) {
  return (
    <Space size={2}>
      {actions
        .filter((action) => !action.hidden)
        .map((action) => {
          const button = (
            <Button
              type="text"
              size="small"
              icon={action.icon}
              danger={action.danger}
              disabled={action.disabled}
              loading={action.loading}
              aria-label={action.label}
              data-testid={`action-${action.key}`}
              onClick={action.confirm ? undefined : action.onClick}
            />
          );
          return (
            <Tooltip key={action.key} title={action.label}>
              {action.confirm && !action.disabled ? (
                <Popconfirm title={action.confirm} onConfirm={action.onClick} okButtonProps={{ danger: action.danger }}>
                  {button}
                </Popconfirm>
              ) : (
                button
              )}
            </Tooltip>
          );
        })}
    </Space>
  );
}
