// Workflow settings asked for on save (ds-ui-pages.md "save dialog"): name, description, tenant,
// global parameters, timeout alert and execution type. Submitting hands the settings to the
// editor, which saves; errors the server reported about a setting are shown on that field.
import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { tenantsApi } from '../../api/services';
import type { TextFn } from './editorText';
import type { WorkflowSettings } from './model';
import { EXECUTION_TYPES } from './taskTypes';
import type { FieldErrors } from './validation';
import { Field } from './forms/Field';
import { LocalParams } from './forms/LocalParams';

export function validateSettings(s: WorkflowSettings, tx: TextFn): FieldErrors {
  const errors: FieldErrors = {};
  if (!s.name.trim()) errors.name = tx('valid.required');
  else if (s.name.trim().length > 100) errors.name = tx('valid.tooLong', { n: 100 });
  if (s.description.length > 255) errors.description = tx('valid.tooLong', { n: 255 });
  if (!Number.isInteger(s.timeout) || s.timeout < 0) errors.timeout = tx('valid.nonNegative');
  const seen = new Set<string>();
  s.globalParams.forEach((p, i) => {
    const prop = p.prop.trim();
    if (!prop && !(p.value ?? '').trim()) return;
    if (!prop) errors[`globalParams[${i}].prop`] = tx('valid.required');
    else if (seen.has(prop)) errors[`globalParams[${i}].prop`] = tx('valid.duplicateParam');
    seen.add(prop);
  });
  return errors;
}

export function SaveDialog({
  open,
  initial,
  isNew,
  saving,
  serverErrors,
  generalError,
  onCancel,
  onSubmit,
  tx,
}: {
  open: boolean;
  initial: WorkflowSettings;
  isNew: boolean;
  saving: boolean;
  serverErrors: Record<string, string>;
  generalError?: string;
  onCancel: (settings: WorkflowSettings) => void;
  onSubmit: (settings: WorkflowSettings) => void;
  tx: TextFn;
}) {
  const [settings, setSettings] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  useEffect(() => {
    if (open) {
      setSettings(initial);
      setAttempted(false);
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps
  const tenants = useQuery({ queryKey: ['tenants-list'], queryFn: tenantsApi.list, enabled: open, staleTime: 30000 });
  const clientErrors = validateSettings(settings, tx);
  const errors: FieldErrors = { ...serverErrors, ...(attempted ? clientErrors : {}) };
  const update = (patch: Partial<WorkflowSettings>) => setSettings((s) => ({ ...s, ...patch }));
  const submit = () => {
    setAttempted(true);
    if (Object.keys(clientErrors).length) return;
    onSubmit(settings);
  };
  const tenantOptions = [...new Set(['default', ...(tenants.data ?? []).map((t) => t.tenantCode), settings.tenantCode])].map((code) => ({
    value: code,
    label: code === 'default' ? tx('settings.defaultTenant') : code,
  }));

  return (
    <Modal
      open={open}
      title={isNew ? tx('settings.titleNew') : tx('settings.title')}
      onCancel={() => onCancel(settings)}
      onOk={submit}
      okText={tx('settings.save')}
      cancelText={tx('common.cancel')}
      confirmLoading={saving}
      width={680}
      okButtonProps={{ 'data-testid': 'save-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="save-dialog">
        {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 12 }} data-testid="save-error" />}
        <Field label={tx('settings.name')} required error={errors.name} testId="workflow-name">
          <Input value={settings.name} onChange={(e) => update({ name: e.target.value })} maxLength={100} data-testid="workflow-name" />
        </Field>
        <Field label={tx('settings.description')} error={errors.description}>
          <Input.TextArea value={settings.description} onChange={(e) => update({ description: e.target.value })} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="workflow-description" />
        </Field>
        <Row gutter={12}>
          <Col span={12}>
            <Field label={tx('settings.tenant')} error={errors.tenantCode} extra={tx('settings.tenantHint')}>
              <Select value={settings.tenantCode} onChange={(tenantCode) => update({ tenantCode })} options={tenantOptions} loading={tenants.isPending} data-testid="workflow-tenant" />
            </Field>
          </Col>
          <Col span={12}>
            <Field label={tx('settings.executionType')}>
              <Select
                value={settings.executionType}
                onChange={(executionType) => update({ executionType })}
                options={EXECUTION_TYPES.map((e) => ({ value: e, label: tx(`execution.${e}`) }))}
                data-testid="workflow-execution-type"
              />
            </Field>
          </Col>
        </Row>
        <Row gutter={12} align="middle">
          <Col span={12}>
            <Field label={tx('settings.timeoutAlarm')}>
              <Switch checked={settings.timeout > 0} onChange={(on) => update({ timeout: on ? settings.timeout || 60 : 0 })} data-testid="workflow-timeout-switch" />
            </Field>
          </Col>
          <Col span={12}>
            {settings.timeout > 0 && (
              <Field label={tx('settings.timeout')} error={errors.timeout}>
                <InputNumber min={1} precision={0} value={settings.timeout} onChange={(v) => update({ timeout: v ?? 0 })} addonAfter={tx('unit.minutes')} data-testid="workflow-timeout" />
              </Field>
            )}
          </Col>
        </Row>
        <LocalParams
          value={settings.globalParams}
          onChange={(globalParams) => update({ globalParams })}
          errors={errors}
          tx={tx}
          label={tx('settings.globalParams')}
          testId="global-params"
          globals
        />
      </Form>
    </Modal>
  );
}
