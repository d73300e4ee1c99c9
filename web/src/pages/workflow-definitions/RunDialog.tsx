// Start a workflow instance: failure strategy, priority, worker group, environment, alerts,
// start parameters (prefilled from the workflow's global parameters), dry run, starting from
// selected tasks, and backfill (complement) over a date range or a list of dates.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../api/client';
import { alertGroupsApi, definitionsApi, environmentsApi, executorsApi, workerGroupsApi } from '../../api/services';
import type { ProcessDefinition, Property } from '../../api/types';
import { useT } from '../../i18n';
import { toApiDate } from '../../lib/format';
import { buildStartForm, defaultRunValues, RunFormError, RunValues } from '../../lib/runForm';

type FormShape = Omit<RunValues, 'complementRange' | 'complementDates'> & {
  complementRange?: [Dayjs, Dayjs] | null;
  complementDateMode: 'range' | 'list';
  complementDates?: Dayjs[];
};

export const PRIORITIES = ['HIGHEST', 'HIGH', 'MEDIUM', 'LOW', 'LOWEST'];

/** Instance ids in the start answer, when the server returns them (DolphinScheduler 3.1 returns null). */
export function startedInstanceIds(data: unknown): number[] {
  if (typeof data === 'number') return [data];
  if (Array.isArray(data)) return data.map(Number).filter((n) => Number.isFinite(n) && n > 0);
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    for (const key of ['processInstanceId', 'id', 'workflowInstanceId']) if (typeof record[key] === 'number') return [record[key] as number];
    if (Array.isArray(record.processInstanceIds)) return startedInstanceIds(record.processInstanceIds);
  }
  return [];
}

export function RunDialog({
  projectCode,
  definition,
  onClose,
  onStarted,
}: {
  projectCode: number;
  definition: ProcessDefinition | null;
  onClose: () => void;
  onStarted: (instanceIds: number[]) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<FormShape>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = !!definition;
  const code = definition?.code ?? 0;

  const dag = useQuery({ queryKey: ['definition', projectCode, code], queryFn: () => definitionsApi.get(projectCode, code), enabled: open });
  const workerGroups = useQuery({ queryKey: ['worker-groups-all'], queryFn: workerGroupsApi.all, enabled: open });
  const environments = useQuery({ queryKey: ['environments-list'], queryFn: environmentsApi.list, enabled: open });
  const alertGroups = useQuery({ queryKey: ['alert-groups-list'], queryFn: alertGroupsApi.list, enabled: open, retry: false });

  const globals = useMemo(() => {
    const list = dag.data?.processDefinition.globalParamList;
    if (list) return list;
    try {
      return JSON.parse(dag.data?.processDefinition.globalParams || '[]') as Property[];
    } catch {
      return [];
    }
  }, [dag.data]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ ...defaultRunValues(), complementDateMode: 'range', complementRange: null, complementDates: [] } as never);
  }, [open, form]);

  useEffect(() => {
    if (open && dag.data) {
      form.setFieldsValue({
        startParams: globals.filter((p) => p.direct !== 'OUT').map((p) => ({ prop: p.prop, value: p.value ?? '' })),
      } as never);
    }
  }, [open, dag.data, globals, form]);

  const complement = Form.useWatch('complement', form);
  const dateMode = Form.useWatch('complementDateMode', form);
  const runMode = Form.useWatch('runMode', form);
  const startNodes = Form.useWatch('startNodeList', form);

  const submit = async () => {
    let values: FormShape;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const runValues: RunValues = {
        ...defaultRunValues(),
        ...values,
        startParams: values.startParams ?? [],
        startNodeList: values.startNodeList ?? [],
        complementRange:
          values.complementDateMode === 'range' && values.complementRange
            ? [toApiDate(values.complementRange[0].startOf('day'))!, toApiDate(values.complementRange[1].startOf('day'))!]
            : null,
        complementDates:
          values.complementDateMode === 'list' ? (values.complementDates ?? []).map((d) => toApiDate(d.startOf('day'))!) : [],
      };
      const answer = await executorsApi.start(projectCode, buildStartForm(code, runValues));
      onStarted(startedInstanceIds(answer));
      onClose();
    } catch (err) {
      setError(err instanceof RunFormError ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const taskOptions = (dag.data?.taskDefinitionList ?? []).map((task) => ({ value: Number(task.code), label: `${task.name} (${task.taskType})` }));

  return (
    <Modal
      open={open}
      title={t('run.title', { name: definition?.name ?? '' })}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      forceRender
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="run" type="primary" loading={busy} onClick={submit} data-testid="run-submit">
          {complement ? t('run.submitBackfill') : t('run.submit')}
        </Button>,
      ]}
    >
      <div data-testid="run-dialog">
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="run-error" />}
        {dag.isPending && open ? <Skeleton active /> : null}
        <Form form={form} layout="vertical" style={{ display: dag.isPending ? 'none' : undefined }}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="failureStrategy" label={t('run.failureStrategy')} extra={t('run.failureStrategyHelp')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'CONTINUE', label: t('run.continue') },
                    { value: 'END', label: t('run.end') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="processInstancePriority" label={t('run.priority')}>
                <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="workerGroup" label={t('task.workerGroup')}>
                <Select options={(workerGroups.data ?? ['default']).map((g) => ({ value: g, label: g }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="environmentCode" label={t('task.environment')}>
                <Select
                  allowClear
                  placeholder={t('common.none')}
                  options={(environments.data ?? []).map((e) => ({ value: e.code, label: e.name }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="warningType" label={t('run.notify')}>
                <Select
                  options={['NONE', 'SUCCESS', 'FAILURE', 'ALL'].map((w) => ({ value: w, label: t(`warning.${w}`) }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="warningGroupId" label={t('run.alertGroup')}>
                <Select
                  allowClear
                  placeholder={t('common.none')}
                  options={(alertGroups.data ?? []).map((g) => ({ value: g.id, label: g.groupName }))}
                />
              </Form.Item>
            </Col>
          </Row>

          <Divider orientation="left" plain>
            {t('run.startParams')}
          </Divider>
          <Form.List name="startParams">
            {(fields, { add, remove }) => (
              <div data-testid="start-params">
                {fields.length === 0 && (
                  <Typography.Paragraph type="secondary">{t('run.noStartParams')}</Typography.Paragraph>
                )}
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'prop']} rules={[{ required: true, message: t('common.required') }]}>
                      <Input placeholder={t('param.name')} style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'value']}>
                      <Input placeholder={t('param.value')} style={{ width: 320 }} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ prop: '', value: '' })}>
                  {t('run.addParam')}
                </Button>
              </div>
            )}
          </Form.List>

          <Divider orientation="left" plain>
            {t('run.scope')}
          </Divider>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="startNodeList" label={t('run.startFrom')} extra={t('run.startFromHelp')}>
                <Select mode="multiple" allowClear placeholder={t('run.wholeWorkflow')} options={taskOptions} optionFilterProp="label" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="taskDependType" label={t('run.dependType')}>
                <Select
                  disabled={!startNodes?.length}
                  options={[
                    { value: 'TASK_POST', label: t('run.taskPost') },
                    { value: 'TASK_PRE', label: t('run.taskPre') },
                    { value: 'TASK_ONLY', label: t('run.taskOnly') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="dryRun" label={t('run.dryRun')} valuePropName="checked" extra={t('run.dryRunHelp')}>
                <Switch data-testid="run-dry" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="complement" label={t('run.backfill')} valuePropName="checked" extra={t('run.backfillHelp')}>
                <Switch data-testid="run-backfill" />
              </Form.Item>
            </Col>
          </Row>

          {complement && (
            <div className="subtle-box">
              <Form.Item name="complementDateMode" label={t('run.backfillDates')}>
                <Radio.Group
                  options={[
                    { value: 'range', label: t('run.dateRange') },
                    { value: 'list', label: t('run.dateList') },
                  ]}
                />
              </Form.Item>
              {dateMode === 'list' ? (
                <Form.Item name="complementDates" rules={[{ required: true, message: t('run.chooseDates') }]}>
                  <DatePicker multiple style={{ width: '100%' }} />
                </Form.Item>
              ) : (
                <Form.Item name="complementRange" rules={[{ required: true, message: t('run.chooseDates') }]}>
                  <DatePicker.RangePicker style={{ width: '100%' }} />
                </Form.Item>
              )}
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name="runMode" label={t('run.runMode')}>
                    <Radio.Group
                      options={[
                        { value: 'RUN_MODE_SERIAL', label: t('run.serial') },
                        { value: 'RUN_MODE_PARALLEL', label: t('run.parallel') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  {runMode === 'RUN_MODE_PARALLEL' && (
                    <Form.Item name="expectedParallelismNumber" label={t('run.parallelism')}>
                      <InputNumber min={1} max={100} placeholder={t('run.parallelismAuto')} style={{ width: '100%' }} />
                    </Form.Item>
                  )}
                </Col>
                <Col span={24}>
                  <Form.Item name="complementDependentMode" label={t('run.dependentMode')}>
                    <Radio.Group
                      options={[
                        { value: 'OFF_MODE', label: t('run.dependentOff') },
                        { value: 'ALL_DEPENDENT', label: t('run.dependentAll') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          )}
        </Form>
      </div>
    </Modal>
  );
}
