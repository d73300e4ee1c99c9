// CONDITIONS: which upstream task states to check (groups of items, combined with AND/OR) and
// the task to run when the check holds (success) or not (failure). Checked tasks become
// upstream edges, branch targets downstream edges.
import { Button, Card, Col, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { parseTaskParams, toCodes } from '../../../lib/taskParams';
import { ancestorsOf, descendantsOf } from '../model';
import { Field, list, ParamsFormProps } from './Field';
import { TaskPicker } from './TaskPicker';

export function RelationSwitch({ value, onChange, testId }: { value: unknown; onChange: (v: string) => void; testId?: string }) {
  return (
    <Radio.Group size="small" value={value === 'OR' ? 'OR' : 'AND'} onChange={(e) => onChange(e.target.value)} optionType="button" data-testid={testId}>
      <Radio value="AND">AND</Radio>
      <Radio value="OR">OR</Radio>
    </Radio.Group>
  );
}

export function ConditionsParams({ task, params, setParams, errors, graph, tx }: ParamsFormProps) {
  const dependence = parseTaskParams(params.dependence);
  const groups = list(dependence.dependTaskList);
  const result = parseTaskParams(params.conditionResult);
  const setDependence = (patch: Record<string, unknown>) => setParams({ dependence: { ...dependence, ...patch } });
  const setGroups = (next: typeof groups) => setDependence({ dependTaskList: next });
  const changeGroup = (gi: number, patch: Record<string, unknown>) => setGroups(groups.map((g, i) => (i === gi ? { ...g, ...patch } : g)));
  const sourceExclude = new Set([task.code, ...descendantsOf(graph, task.code)]);
  const targetExclude = new Set([task.code, ...ancestorsOf(graph, task.code)]);
  const success = toCodes(result.successNode)[0];
  const failed = toCodes(result.failedNode)[0];

  return (
    <>
      <Field label={tx('conditions.checks')} required error={errors.dependence} extra={tx('conditions.checksHint')}>
        <div data-testid="conditions-groups">
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{tx('conditions.groupsRelation')}</Typography.Text>
            <RelationSwitch value={dependence.relation} onChange={(relation) => setDependence({ relation })} />
          </Space>
          {groups.map((group, gi) => {
            const items = list(group.dependItemList);
            const setItems = (next: typeof items) => changeGroup(gi, { dependItemList: next });
            return (
              <Card
                key={gi}
                size="small"
                className="editor-branch-card"
                data-testid="conditions-group"
                title={
                  <Space>
                    {tx('conditions.group', { n: gi + 1 })}
                    <RelationSwitch value={group.relation} onChange={(relation) => changeGroup(gi, { relation })} />
                  </Space>
                }
                extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setGroups(groups.filter((_, i) => i !== gi))} aria-label={tx('common.remove')} />}
              >
                {items.map((item, ii) => {
                  const at = `dependence.dependTaskList[${gi}].dependItemList[${ii}]`;
                  const error = errors[`${at}.depTaskCode`] ?? errors[`${at}.status`];
                  return (
                    <div key={ii} className="editor-param-row" data-testid="conditions-item">
                      <Row gutter={8} align="middle">
                        <Col flex="auto">
                          <TaskPicker
                            graph={graph}
                            value={toCodes(item.depTaskCode)[0]}
                            onChange={(code) => setItems(items.map((it, i) => (i === ii ? { ...it, depTaskCode: code } : it)))}
                            exclude={sourceExclude}
                            placeholder={tx('picker.upstreamTask')}
                            testId="conditions-task"
                            invalid={!!errors[`${at}.depTaskCode`]}
                            allowClear={false}
                          />
                        </Col>
                        <Col flex="130px">
                          <Select
                            value={String(item.status ?? 'SUCCESS')}
                            onChange={(status) => setItems(items.map((it, i) => (i === ii ? { ...it, status } : it)))}
                            options={[
                              { value: 'SUCCESS', label: tx('conditions.succeeded') },
                              { value: 'FAILURE', label: tx('conditions.failed') },
                            ]}
                            style={{ width: '100%' }}
                            data-testid="conditions-status"
                          />
                        </Col>
                        <Col flex="32px">
                          <Button type="text" icon={<DeleteOutlined />} onClick={() => setItems(items.filter((_, i) => i !== ii))} aria-label={tx('common.remove')} />
                        </Col>
                      </Row>
                      {error && (
                        <Typography.Text type="danger" className="editor-inline-error">
                          {error}
                        </Typography.Text>
                      )}
                    </div>
                  );
                })}
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => setItems([...items, { depTaskCode: null, status: 'SUCCESS' }])}
                  data-testid="conditions-add-item"
                >
                  {tx('conditions.addCheck')}
                </Button>
              </Card>
            );
          })}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => setGroups([...groups, { relation: 'AND', dependItemList: [] }])} data-testid="conditions-add-group">
            {tx('conditions.addGroup')}
          </Button>
        </div>
      </Field>
      <Row gutter={12}>
        <Col span={12}>
          <Field label={tx('conditions.onSuccess')} error={errors.conditionResult}>
            <TaskPicker
              graph={graph}
              value={success}
              onChange={(code) => setParams({ conditionResult: { ...result, successNode: code ? [code] : [] } })}
              exclude={new Set([...targetExclude, ...(failed ? [failed] : [])])}
              placeholder={tx('picker.task')}
              testId="conditions-success"
              invalid={!!errors.conditionResult}
            />
          </Field>
        </Col>
        <Col span={12}>
          <Field label={tx('conditions.onFailure')} error={errors.conditionResult}>
            <TaskPicker
              graph={graph}
              value={failed}
              onChange={(code) => setParams({ conditionResult: { ...result, failedNode: code ? [code] : [] } })}
              exclude={new Set([...targetExclude, ...(success ? [success] : [])])}
              placeholder={tx('picker.task')}
              testId="conditions-failure"
              invalid={!!errors.conditionResult}
            />
          </Field>
        </Col>
      </Row>
    </>
  );
}
