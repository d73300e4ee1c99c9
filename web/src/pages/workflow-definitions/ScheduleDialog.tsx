// The cron schedule of one workflow: Quartz cron with presets and a live preview of the next fire
// times (asked from the server), active period, time zone and run options; create or update,
// switch online/offline, delete. A schedule can only be created for an ONLINE workflow.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Dropdown,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { ClockCircleOutlined, DownOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { Dayjs } from 'dayjs';
import { errorMessage } from '../../api/client';
import { environmentsApi, schedulesApi, workerGroupsApi } from '../../api/services';
import type { ProcessDefinition, Schedule } from '../../api/types';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';
import { CRON_PRESETS, cronShapeProblem } from '../../lib/cron';
import { API_DATE_FORMAT } from '../../lib/format';
import { useFeedback } from '../../components/feedback';
import { PRIORITIES } from './RunDialog';

interface ScheduleForm {
  crontab: string;
  period: [Dayjs, Dayjs];
  timezoneId: string;
  failureStrategy: string;
  warningType: string;
  processInstancePriority: string;
  workerGroup: string;
  environmentCode?: number | null;
}

function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

function scheduleJson(values: Pick<ScheduleForm, 'crontab' | 'period' | 'timezoneId'>) {
  return JSON.stringify({
    startTime: values.period[0].format(API_DATE_FORMAT),
    endTime: values.period[1].format(API_DATE_FORMAT),
    crontab: values.crontab.trim(),
    timezoneId: values.timezoneId,
  });
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function ScheduleDialog({
  projectCode,
  definition,
  onClose,
}: {
  projectCode: number;
  definition: ProcessDefinition | null;
  onClose: () => void;
}) {
  const t = useT();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const [form] = Form.useForm<ScheduleForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = !!definition;
  const code = definition?.code ?? 0;
  const zones = useMemo(timeZones, []);

  const existing = useQuery({
    queryKey: ['schedule', projectCode, code],
    queryFn: () => schedulesApi.forDefinition(projectCode, code).then((page) => page.totalList?.[0] ?? null),
    enabled: open,
  });
  const workerGroups = useQuery({ queryKey: ['worker-groups-all'], queryFn: workerGroupsApi.all, enabled: open });
  const environments = useQuery({ queryKey: ['environments-list'], queryFn: environmentsApi.list, enabled: open });
  const schedule: Schedule | null = existing.data ?? null;

  useEffect(() => {
    if (!open || existing.isPending) return;
    setError(null);
    form.resetFields();
    const zone = user?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    form.setFieldsValue(
      schedule
        ? {
            crontab: schedule.crontab,
            period: [dayjs(schedule.startTime), dayjs(schedule.endTime)],
            timezoneId: schedule.timezoneId,
            failureStrategy: schedule.failureStrategy ?? 'CONTINUE',
            warningType: schedule.warningType ?? 'NONE',
            processInstancePriority: schedule.processInstancePriority ?? 'MEDIUM',
            workerGroup: schedule.workerGroup ?? 'default',
            environmentCode: schedule.environmentCode && schedule.environmentCode > 0 ? schedule.environmentCode : null,
          }
        : {
            crontab: '0 0 * * * ? *',
            period: [dayjs().startOf('minute'), dayjs().add(10, 'year').startOf('day')],
            timezoneId: zone,
            failureStrategy: 'CONTINUE',
            warningType: 'NONE',
            processInstancePriority: 'MEDIUM',
            workerGroup: 'default',
            environmentCode: null,
          },
    );
  }, [open, existing.isPending, schedule, form, user?.timeZone]);

  const crontab = Form.useWatch('crontab', form);
  const period = Form.useWatch('period', form);
  const timezoneId = Form.useWatch('timezoneId', form);
  const previewInput = useDebounced(
    crontab && period?.[0] && period?.[1] && timezoneId ? scheduleJson({ crontab, period, timezoneId }) : null,
    400,
  );
  const shapeProblem = crontab ? cronShapeProblem(crontab) : null;
  const preview = useQuery({
    queryKey: ['schedule-preview', projectCode, previewInput],
    queryFn: () => schedulesApi.preview(projectCode, JSON.parse(previewInput!)),
    enabled: open && !!previewInput && !shapeProblem,
    retry: false,
  });

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['schedule', projectCode, code] }),
      queryClient.invalidateQueries({ queryKey: ['definitions', projectCode] }),
    ]);
  };

  const run = async (action: () => Promise<unknown>, success: string, close = false) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      feedback.ok(success);
      await refresh();
      if (close) onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    let values: ScheduleForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      processDefinitionCode: code,
      schedule: scheduleJson(values),
      failureStrategy: values.failureStrategy,
      warningType: values.warningType,
      warningGroupId: 0,
      processInstancePriority: values.processInstancePriority,
      workerGroup: values.workerGroup,
      environmentCode: values.environmentCode ?? -1,
    };
    await run(
      () => (schedule ? schedulesApi.update(projectCode, schedule.id, body) : schedulesApi.create(projectCode, body)),
      schedule ? t('schedule.updated') : t('schedule.created'),
    );
  };

  const offline = definition?.releaseState !== 'ONLINE';
  const online = schedule?.releaseState === 'ONLINE';

  return (
    <Modal
      open={open}
      width={760}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      title={
        <Space>
          <ClockCircleOutlined />
          {t('schedule.title', { name: definition?.name ?? '' })}
          {schedule && (
            <Tag color={online ? 'green' : 'default'} data-testid="schedule-state">
              {online ? t('schedule.online') : t('schedule.offline')}
            </Tag>
          )}
        </Space>
      }
      footer={
        <Space>
          {schedule && (
            <Popconfirm title={t('schedule.confirmDelete')} onConfirm={() => run(() => schedulesApi.remove(projectCode, schedule.id), t('common.deleted'), true)}>
              <Button danger disabled={online || busy}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
          {schedule && (
            <Button
              disabled={busy}
              onClick={() =>
                run(
                  () => (online ? schedulesApi.offline(projectCode, schedule.id) : schedulesApi.online(projectCode, schedule.id)),
                  online ? t('schedule.wentOffline') : t('schedule.wentOnline'),
                )
              }
              data-testid="schedule-toggle"
            >
              {online ? t('schedule.takeOffline') : t('schedule.putOnline')}
            </Button>
          )}
          <Button type="primary" loading={busy} disabled={online || (offline && !schedule)} onClick={save} data-testid="schedule-save">
            {schedule ? t('schedule.update') : t('schedule.create')}
          </Button>
        </Space>
      }
    >
      <div data-testid="schedule-dialog">
        {existing.isPending ? (
          <Skeleton active />
        ) : (
          <>
            {offline && !schedule && <Alert type="warning" showIcon message={t('schedule.needsOnline')} style={{ marginBottom: 12 }} />}
            {online && <Alert type="info" showIcon message={t('schedule.onlineReadOnly')} style={{ marginBottom: 12 }} />}
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="schedule-error" />}
            <Form form={form} layout="vertical" disabled={online}>
              <Row gutter={16}>
                <Col span={15}>
                  <Form.Item
                    name="crontab"
                    label={t('schedule.cron')}
                    extra={t('schedule.cronHelp')}
                    rules={[
                      { required: true, message: t('common.required') },
                      { validator: (_, v: string) => (v && cronShapeProblem(v) ? Promise.reject(new Error(cronShapeProblem(v)!)) : Promise.resolve()) },
                    ]}
                  >
                    <Input
                      className="code-input"
                      data-testid="schedule-cron"
                      addonAfter={
                        <Dropdown
                          menu={{
                            items: CRON_PRESETS.map((p) => ({ key: p.cron, label: `${t(p.key)} · ${p.cron}` })),
                            onClick: ({ key }) => form.setFieldsValue({ crontab: key }),
                          }}
                        >
                          <span style={{ cursor: 'pointer' }}>
                            {t('schedule.presets')} <DownOutlined />
                          </span>
                        </Dropdown>
                      }
                    />
                  </Form.Item>
                  <Form.Item name="period" label={t('schedule.period')} rules={[{ required: true, message: t('common.required') }]}>
                    <DatePicker.RangePicker showTime style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="timezoneId" label={t('schedule.timezone')} rules={[{ required: true, message: t('common.required') }]}>
                    <Select showSearch options={zones.map((z) => ({ value: z, label: z }))} />
                  </Form.Item>
                </Col>
                <Col span={9}>
                  <div className="preview-box" data-testid="schedule-preview">
                    <Typography.Text strong>{t('schedule.nextRuns')}</Typography.Text>
                    {shapeProblem ? (
                      <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
                        {shapeProblem}
                      </Typography.Paragraph>
                    ) : preview.isError ? (
                      <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
                        {errorMessage(preview.error)}
                      </Typography.Paragraph>
                    ) : preview.isFetching && !preview.data ? (
                      <Skeleton active paragraph={{ rows: 4 }} title={false} />
                    ) : (
                      <List
                        size="small"
                        dataSource={preview.data ?? []}
                        locale={{ emptyText: t('schedule.noRuns') }}
                        renderItem={(time) => <List.Item className="mono">{time}</List.Item>}
                      />
                    )}
                  </div>
                </Col>
                <Col span={8}>
                  <Form.Item name="failureStrategy" label={t('run.failureStrategy')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'CONTINUE', label: t('run.continue') },
                        { value: 'END', label: t('run.end') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="processInstancePriority" label={t('run.priority')}>
                    <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="warningType" label={t('run.notify')}>
                    <Select options={['NONE', 'SUCCESS', 'FAILURE', 'ALL'].map((w) => ({ value: w, label: t(`warning.${w}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="workerGroup" label={t('task.workerGroup')}>
                    <Select options={(workerGroups.data ?? ['default']).map((g) => ({ value: g, label: g }))} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="environmentCode" label={t('task.environment')}>
                    <Select allowClear placeholder={t('common.none')} options={(environments.data ?? []).map((e) => ({ value: e.code, label: e.name }))} />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
          </>
        )}
      </div>
    </Modal>
  );
}
