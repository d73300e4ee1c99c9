// DEPENDENT: groups of items, each "workflow W of project P (all of it, or one task) must have
// succeeded within date window D of cycle C"; items and groups combine with AND/OR.
import { Button, Card, Col, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Params } from '../../../lib/taskParams';
import { parseTaskParams, toCodes } from '../../../lib/taskParams';
import { editorApi } from '../editorApi';
import type { TextFn } from '../editorText';
import type { FieldErrors } from '../validation';
import { DEPENDENT_DATE_VALUES } from '../taskTypes';
import { RelationSwitch } from './ConditionsParams';
import { Field, list, ParamsFormProps } from './Field';

function DependItem({
  item,
  onChange,
  onRemove,
  errors,
  at,
  tx,
}: {
  item: Params;
  onChange: (next: Params) => void;
  onRemove: () => void;
  errors: FieldErrors;
  at: string;
  tx: TextFn;
}) {
  const projectCode = toCodes(item.projectCode)[0];
  const definitionCode = toCodes(item.definitionCode)[0];
  const projects = useQuery({ queryKey: ['editor-dependent-projects'], queryFn: editorApi.dependentProjects, staleTime: 60000 });
  const workflows = useQuery({
    queryKey: ['editor-workflows-of', projectCode],
    queryFn: () => editorApi.workflowsOf(projectCode!),
    enabled: !!projectCode,
  });
  const tasks = useQuery({
    queryKey: ['editor-tasks-of', projectCode, definitionCode],
    queryFn: () => editorApi.tasksOf(projectCode!, definitionCode!),
    enabled: !!projectCode && !!definitionCode,
  });
  const cycle = String(item.cycle ?? 'day');
  const error = (key: string) => errors[`${at}.${key}`];
  const problems = [error('projectCode'), error('definitionCode'), error('depTaskCode'), error('cycle'), error('dateValue')].filter(Boolean);
  return (
    <div className="editor-param-row" data-testid="dependent-item">
      <Row gutter={8}>
        <Col span={12}>
          <Select
            value={projectCode || undefined}
            placeholder={tx('picker.project')}
            options={(projects.data ?? []).map((p) => ({ value: Number(p.code), label: p.name }))}
            loading={projects.isPending}
            onChange={(code) => onChange({ ...item, projectCode: code, definitionCode: null, depTaskCode: 0 })}
            showSearch
            optionFilterProp="label"
            status={error('projectCode') ? 'error' : undefined}
            style={{ width: '100%' }}
            data-testid="dependent-project"
          />
        </Col>
        <Col span={12}>
          <Select
            value={definitionCode || undefined}
            placeholder={tx('picker.workflow')}
            options={(workflows.data ?? []).map((w) => ({ value: Number(w.code), label: w.name }))}
            loading={!!projectCode && workflows.isPending}
            disabled={!projectCode}
            onChange={(code) => onChange({ ...item, definitionCode: code, depTaskCode: 0 })}
            showSearch
            optionFilterProp="label"
            status={error('definitionCode') ? 'error' : undefined}
            style={{ width: '100%' }}
            data-testid="dependent-workflow"
          />
        </Col>
      </Row>
      <Row gutter={8} style={{ marginTop: 8 }}>
        <Col span={10}>
          <Select
            value={Number(item.depTaskCode ?? 0)}
            options={[{ value: 0, label: tx('dependent.allTasks') }, ...(tasks.data ?? []).map((t) => ({ value: Number(t.code), label: t.name }))]}
            disabled={!definitionCode}
            onChange={(code) => onChange({ ...item, depTaskCode: code })}
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            data-testid="dependent-task"
          />
        </Col>
        <Col span={5}>
          <Select
            value={cycle}
            options={Object.keys(DEPENDENT_DATE_VALUES).map((c) => ({ value: c, label: tx(`cycle.${c}`) }))}
            onChange={(c) => onChange({ ...item, cycle: c, dateValue: DEPENDENT_DATE_VALUES[c][0] })}
            style={{ width: '100%' }}
            data-testid="dependent-cycle"
          />
        </Col>
        <Col span={7}>
          <Select
            value={String(item.dateValue ?? '')}
            options={(DEPENDENT_DATE_VALUES[cycle] ?? []).map((d) => ({ value: d, label: tx(`date.${d}`) }))}
            onChange={(dateValue) => onChange({ ...item, dateValue })}
            status={error('dateValue') ? 'error' : undefined}
            style={{ width: '100%' }}
            data-testid="dependent-date"
          />
        </Col>
        <Col span={2}>
          <Button type="text" icon={<DeleteOutlined />} onClick={onRemove} aria-label={tx('common.remove')} />
        </Col>
      </Row>
      {problems.length > 0 && (
        <Typography.Text type="danger" className="editor-inline-error">
          {problems.join('; ')}
        </Typography.Text>
      )}
    </div>
  );
}

export function DependentParams({ params, setParams, errors, projectCode, tx }: ParamsFormProps) {
  const dependence = parseTaskParams(params.dependence);
  const groups = list(dependence.dependTaskList);
  const setDependence = (patch: Record<string, unknown>) => setParams({ dependence: { ...dependence, ...patch } });
  const setGroups = (next: typeof groups) => setDependence({ dependTaskList: next });
  const changeGroup = (gi: number, patch: Record<string, unknown>) => setGroups(groups.map((g, i) => (i === gi ? { ...g, ...patch } : g)));
  const blankItem = { projectCode, definitionCode: null, depTaskCode: 0, cycle: 'day', dateValue: 'today' };
  return (
    <Field label={tx('dependent.items')} required error={errors.dependence} extra={tx('dependent.hint')}>
      <div data-testid="dependent-groups">
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{tx('conditions.groupsRelation')}</Typography.Text>
          <RelationSwitch value={dependence.relation} onChange={(relation) => setDependence({ relation })} />
        </Space>
        {groups.map((group, gi) => {
          const items = list(group.dependItemList);
          const setItems = (next: Params[]) => changeGroup(gi, { dependItemList: next });
          return (
            <Card
              key={gi}
              size="small"
              className="editor-branch-card"
              title={
                <Space>
                  {tx('conditions.group', { n: gi + 1 })}
                  <RelationSwitch value={group.relation} onChange={(relation) => changeGroup(gi, { relation })} />
                </Space>
              }
              extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setGroups(groups.filter((_, i) => i !== gi))} aria-label={tx('common.remove')} />}
            >
              {items.map((item, ii) => (
                <DependItem
                  key={ii}
                  item={item}
                  at={`dependence.dependTaskList[${gi}].dependItemList[${ii}]`}
                  errors={errors}
                  tx={tx}
                  onChange={(next) => setItems(items.map((it, i) => (i === ii ? next : it)))}
                  onRemove={() => setItems(items.filter((_, i) => i !== ii))}
                />
              ))}
              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setItems([...items, { ...blankItem }])} data-testid="dependent-add-item">
                {tx('dependent.addItem')}
              </Button>
            </Card>
          );
        })}
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => setGroups([...groups, { relation: 'AND', dependItemList: [{ ...blankItem }] }])}
          data-testid="dependent-add-group"
        >
          {tx('conditions.addGroup')}
        </Button>
      </div>
    </Field>
  );
}
