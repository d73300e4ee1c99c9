// Local parameters of a task: name, IN/OUT, data type, value. An OUT parameter is filled from
// the task's output (setValue) and passed downstream.
import { Button, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Property } from '../../../api/types';
import type { TextFn } from '../editorText';
import type { FieldErrors } from '../validation';
import { DATA_TYPES } from '../taskTypes';
import { Field } from './Field';

export function LocalParams({
  value,
  onChange,
  errors,
  tx,
  testId = 'local-params',
  label,
  globals,
}: {
  value: Property[];
  onChange: (next: Property[]) => void;
  errors: FieldErrors;
  tx: TextFn;
  testId?: string;
  label?: string;
  /** workflow-level parameters: IN only, VARCHAR, no direction/type columns */
  globals?: boolean;
}) {
  const prefix = globals ? 'globalParams' : 'localParams';
  const change = (index: number, patch: Partial<Property>) => onChange(value.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  return (
    <Field label={label ?? tx('task.localParams')} error={errors[prefix]}>
      <div data-testid={testId}>
        {value.length === 0 && (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {globals ? tx('settings.noGlobals') : tx('task.noLocalParams')}
          </Typography.Text>
        )}
        {value.map((param, index) => {
          const error = errors[`${prefix}[${index}].prop`];
          return (
            <div key={index} className="editor-param-row" data-testid={`${testId}-row`}>
              <Space.Compact block>
                <Input
                  placeholder={tx('param.name')}
                  value={param.prop}
                  status={error ? 'error' : undefined}
                  onChange={(e) => change(index, { prop: e.target.value })}
                  style={{ width: globals ? '40%' : '28%' }}
                  data-testid={`${testId}-prop`}
                />
                {!globals && (
                  <Select
                    value={param.direct ?? 'IN'}
                    onChange={(direct) => change(index, { direct })}
                    options={[
                      { value: 'IN', label: 'IN' },
                      { value: 'OUT', label: 'OUT' },
                    ]}
                    style={{ width: '16%' }}
                    data-testid={`${testId}-direct`}
                  />
                )}
                {!globals && (
                  <Select
                    value={param.type ?? 'VARCHAR'}
                    onChange={(type) => change(index, { type })}
                    options={DATA_TYPES.map((d) => ({ value: d, label: d }))}
                    style={{ width: '22%' }}
                    data-testid={`${testId}-type`}
                  />
                )}
                <Input
                  placeholder={tx('param.value')}
                  value={param.value ?? ''}
                  onChange={(e) => change(index, { value: e.target.value })}
                  data-testid={`${testId}-value`}
                />
                <Button icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, i) => i !== index))} aria-label={tx('common.remove')} />
              </Space.Compact>
              {error && (
                <Typography.Text type="danger" className="editor-inline-error">
                  {error}
                </Typography.Text>
              )}
            </div>
          );
        })}
        <Button
          type="dashed"
          size="small"
          icon={<PlusOutlined />}
          onClick={() => onChange([...value, { prop: '', direct: 'IN', type: 'VARCHAR', value: '' }])}
          data-testid={`${testId}-add`}
        >
          {tx('param.add')}
        </Button>
      </div>
    </Field>
  );
}
