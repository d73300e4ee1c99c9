// HTTP: URL, method, parameters (query/body/header), the success check and the timeouts.
import { Button, Col, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Params } from '../../../lib/taskParams';
import { HTTP_CHECKS, HTTP_METHODS, HTTP_PARAM_TYPES } from '../taskTypes';
import { Field, list, ParamsFormProps, str } from './Field';

export function HttpParams({ params, setParams, errors, tx }: ParamsFormProps) {
  const httpParams = list<Params>(params.httpParams);
  const check = str(params.httpCheckCondition) || 'STATUS_CODE_DEFAULT';
  const setList = (next: Params[]) => setParams({ httpParams: next });
  const change = (i: number, patch: Params) => setList(httpParams.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const num = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));
  return (
    <>
      <Row gutter={12}>
        <Col span={6}>
          <Field label={tx('http.method')}>
            <Select value={str(params.httpMethod) || 'GET'} onChange={(httpMethod) => setParams({ httpMethod })} options={HTTP_METHODS.map((m) => ({ value: m, label: m }))} data-testid="http-method" />
          </Field>
        </Col>
        <Col span={18}>
          <Field label={tx('http.url')} required error={errors.url} testId="http-url">
            <Input value={str(params.url)} onChange={(e) => setParams({ url: e.target.value })} placeholder="https://example.com/api" data-testid="http-url" />
          </Field>
        </Col>
      </Row>
      <Field label={tx('http.params')}>
        <div data-testid="http-params">
          {httpParams.map((p, i) => (
            <div key={i} className="editor-param-row">
              <Space.Compact block>
                <Input placeholder={tx('param.name')} value={str(p.prop)} status={errors[`httpParams[${i}].prop`] ? 'error' : undefined} onChange={(e) => change(i, { prop: e.target.value })} style={{ width: '32%' }} />
                <Select
                  value={str(p.httpParametersType) || 'PARAMETER'}
                  onChange={(httpParametersType) => change(i, { httpParametersType })}
                  options={HTTP_PARAM_TYPES.map((t) => ({ value: t, label: tx(`http.type.${t}`) }))}
                  style={{ width: '24%' }}
                />
                <Input placeholder={tx('param.value')} value={str(p.value)} onChange={(e) => change(i, { value: e.target.value })} />
                <Button icon={<DeleteOutlined />} onClick={() => setList(httpParams.filter((_, j) => j !== i))} aria-label={tx('common.remove')} />
              </Space.Compact>
              {errors[`httpParams[${i}].prop`] && (
                <Typography.Text type="danger" className="editor-inline-error">
                  {errors[`httpParams[${i}].prop`]}
                </Typography.Text>
              )}
            </div>
          ))}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setList([...httpParams, { prop: '', httpParametersType: 'PARAMETER', value: '' }])}>
            {tx('param.add')}
          </Button>
        </div>
      </Field>
      <Row gutter={12}>
        <Col span={12}>
          <Field label={tx('http.check')}>
            <Select value={check} onChange={(httpCheckCondition) => setParams({ httpCheckCondition })} options={HTTP_CHECKS.map((c) => ({ value: c, label: tx(`http.check.${c}`) }))} data-testid="http-check" />
          </Field>
        </Col>
        <Col span={12}>
          {check !== 'STATUS_CODE_DEFAULT' && (
            <Field label={check === 'STATUS_CODE_CUSTOM' ? tx('http.expectedStatus') : tx('http.bodyText')} required error={errors.condition}>
              <Input value={str(params.condition)} onChange={(e) => setParams({ condition: e.target.value })} data-testid="http-condition" />
            </Field>
          )}
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Field label={tx('http.connectTimeout')} error={errors.connectTimeout}>
            <InputNumber min={0} precision={0} value={num(params.connectTimeout)} onChange={(v) => setParams({ connectTimeout: v ?? 60000 })} addonAfter="ms" style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col span={12}>
          <Field label={tx('http.socketTimeout')} error={errors.socketTimeout}>
            <InputNumber min={0} precision={0} value={num(params.socketTimeout)} onChange={(v) => setParams({ socketTimeout: v ?? 60000 })} addonAfter="ms" style={{ width: '100%' }} />
          </Field>
        </Col>
      </Row>
    </>
  );
}
