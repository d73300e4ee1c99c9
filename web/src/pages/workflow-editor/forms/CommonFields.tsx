// Fields every task has (ds-tasks.md §1): name, description, run flag, priority, worker group,
// environment, retries and their interval, delay, timeout with its strategy.
import { Checkbox, Col, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { environmentsApi, workerGroupsApi } from '../../../api/services';
import type { EditorTask } from '../model';
import type { TextFn } from '../editorText';
import type { FieldErrors } from '../validation';
import { PRIORITIES } from '../taskTypes';
import { Field } from './Field';

export function CommonFields({
  task,
  update,
  errors,
  tx,
  part,
}: {
  task: EditorTask;
  update: (patch: Partial<EditorTask>) => void;
  errors: FieldErrors;
  tx: TextFn;
  part: 'identity' | 'execution';
}) {
  const workerGroups = useQuery({ queryKey: ['worker-groups-all'], queryFn: workerGroupsApi.all, staleTime: 60000 });
  const environments = useQuery({ queryKey: ['environments-list'], queryFn: environmentsApi.list, staleTime: 60000 });

  if (part === 'identity') {
    return (
      <>
        <Field label={tx('task.name')} required error={errors.name} testId="task-name">
          <Input value={task.name} onChange={(e) => update({ name: e.target.value })} maxLength={100} data-testid="task-name" />
        </Field>
        <Field label={tx('task.description')} error={errors.description}>
          <Input.TextArea
            value={task.description}
            onChange={(e) => update({ description: e.target.value })}
            autoSize={{ minRows: 1, maxRows: 4 }}
            data-testid="task-description"
          />
        </Field>
        <Row gutter={12}>
          <Col span={12}>
            <Field label={tx('task.runFlag')}>
              <Radio.Group value={task.flag} onChange={(e) => update({ flag: e.target.value })} data-testid="task-flag">
                <Radio value="YES">{tx('task.flagYes')}</Radio>
                <Radio value="NO">{tx('task.flagNo')}</Radio>
              </Radio.Group>
            </Field>
          </Col>
          <Col span={12}>
            <Field label={tx('task.priority')}>
              <Select
                value={task.taskPriority}
                onChange={(v) => update({ taskPriority: v })}
                options={PRIORITIES.map((p) => ({ value: p, label: tx(`priority.${p}`) }))}
                data-testid="task-priority"
              />
            </Field>
          </Col>
        </Row>
      </>
    );
  }

  const envOptions = (environments.data ?? [])
    .filter((env) => !env.workerGroups?.length || env.workerGroups.includes(task.workerGroup))
    .map((env) => ({ value: Number(env.code), label: env.name }));
  const strategies = task.timeoutNotifyStrategy === 'WARNFAILED' ? ['WARN', 'FAILED'] : task.timeoutNotifyStrategy ? [task.timeoutNotifyStrategy] : [];
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Field label={tx('task.workerGroup')}>
            <Select
              value={task.workerGroup}
              onChange={(v) => update({ workerGroup: v, environmentCode: -1 })}
              options={[...new Set(['default', ...(workerGroups.data ?? []), task.workerGroup])].map((g) => ({ value: g, label: g }))}
              loading={workerGroups.isPending}
              data-testid="task-worker-group"
            />
          </Field>
        </Col>
        <Col span={12}>
          <Field label={tx('task.environment')}>
            <Select
              value={task.environmentCode}
              onChange={(v) => update({ environmentCode: v })}
              options={[{ value: -1, label: tx('task.noEnvironment') }, ...envOptions]}
              loading={environments.isPending}
              data-testid="task-environment"
            />
          </Field>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Field label={tx('task.retries')} error={errors.failRetryTimes}>
            <InputNumber
              min={0}
              precision={0}
              value={task.failRetryTimes}
              onChange={(v) => update({ failRetryTimes: v ?? 0 })}
              addonAfter={tx('unit.times')}
              data-testid="task-retries"
            />
          </Field>
        </Col>
        <Col span={8}>
          <Field label={tx('task.retryInterval')} error={errors.failRetryInterval}>
            <InputNumber
              min={0}
              precision={0}
              value={task.failRetryInterval}
              onChange={(v) => update({ failRetryInterval: v ?? 0 })}
              addonAfter={tx('unit.minutes')}
              data-testid="task-retry-interval"
            />
          </Field>
        </Col>
        <Col span={8}>
          <Field label={tx('task.delay')} error={errors.delayTime}>
            <InputNumber
              min={0}
              precision={0}
              value={task.delayTime}
              onChange={(v) => update({ delayTime: v ?? 0 })}
              addonAfter={tx('unit.minutes')}
              data-testid="task-delay"
            />
          </Field>
        </Col>
      </Row>
      <Field label={tx('task.timeoutAlarm')}>
        <Switch
          checked={task.timeoutFlag === 'OPEN'}
          onChange={(on) =>
            update(
              on
                ? { timeoutFlag: 'OPEN', timeoutNotifyStrategy: task.timeoutNotifyStrategy || 'WARN', timeout: task.timeout || 30 }
                : { timeoutFlag: 'CLOSE', timeoutNotifyStrategy: '', timeout: 0 },
            )
          }
          data-testid="task-timeout-switch"
        />
      </Field>
      {task.timeoutFlag === 'OPEN' && (
        <Row gutter={12}>
          <Col span={12}>
            <Field label={tx('task.timeoutStrategy')} required error={errors.timeoutNotifyStrategy}>
              <Checkbox.Group
                value={strategies}
                onChange={(values) => {
                  const set = new Set(values as string[]);
                  update({ timeoutNotifyStrategy: set.has('WARN') && set.has('FAILED') ? 'WARNFAILED' : set.has('WARN') ? 'WARN' : set.has('FAILED') ? 'FAILED' : '' });
                }}
                options={[
                  { value: 'WARN', label: tx('task.timeoutWarn') },
                  { value: 'FAILED', label: tx('task.timeoutFail') },
                ]}
                data-testid="task-timeout-strategy"
              />
            </Field>
          </Col>
          <Col span={12}>
            <Field label={tx('task.timeout')} required error={errors.timeout}>
              <InputNumber
                min={1}
                precision={0}
                value={task.timeout}
                onChange={(v) => update({ timeout: v ?? 0 })}
                addonAfter={tx('unit.minutes')}
                data-testid="task-timeout"
              />
            </Field>
          </Col>
        </Row>
      )}
    </>
  );
}
