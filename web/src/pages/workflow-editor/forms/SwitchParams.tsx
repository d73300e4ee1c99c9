// SWITCH: ordered branches, each a condition (JavaScript over ${params}, e.g. ${score} > 0.5)
// and the task it runs; plus the default task when no condition holds. Targets are chosen
// from the workflow's tasks; the editor draws the matching edges.
import { Button, Card, Input, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { parseTaskParams, toCodes } from '../../../lib/taskParams';
import { ancestorsOf } from '../model';
import { Field, list, ParamsFormProps, str } from './Field';
import { TaskPicker } from './TaskPicker';

export function SwitchParams({ task, params, setParams, errors, graph, tx }: ParamsFormProps) {
  const result = parseTaskParams(params.switchResult);
  const branches = list(result.dependTaskList);
  const exclude = new Set([task.code, ...ancestorsOf(graph, task.code)]);
  const setResult = (patch: Record<string, unknown>) => setParams({ switchResult: { ...result, ...patch } });
  const setBranches = (next: typeof branches) => setResult({ dependTaskList: next });
  const change = (index: number, patch: Record<string, unknown>) => setBranches(branches.map((b, i) => (i === index ? { ...b, ...patch } : b)));
  const move = (index: number, by: number) => {
    const next = [...branches];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    setBranches(next);
  };
  return (
    <>
      <Field label={tx('switch.branches')} required error={errors.switchResult} extra={tx('switch.hint')}>
        <div data-testid="switch-branches">
          {branches.map((branch, index) => {
            const at = `switchResult.dependTaskList[${index}]`;
            return (
              <Card key={index} size="small" className="editor-branch-card" data-testid="switch-branch">
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                    <Typography.Text strong>{tx('switch.branchN', { n: index + 1 })}</Typography.Text>
                    <Space size={2}>
                      <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, -1)} aria-label={tx('common.up')} />
                      <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === branches.length - 1} onClick={() => move(index, 1)} aria-label={tx('common.down')} />
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setBranches(branches.filter((_, i) => i !== index))} aria-label={tx('common.remove')} />
                    </Space>
                  </Space>
                  <Field label={tx('switch.condition')} required error={errors[`${at}.condition`]}>
                    <Input
                      value={str(branch.condition)}
                      onChange={(e) => change(index, { condition: e.target.value })}
                      placeholder='${route} == "fast"'
                      className="editor-mono"
                      data-testid="switch-condition"
                    />
                  </Field>
                  <Field label={tx('switch.runs')} required error={errors[`${at}.nextNode`]}>
                    <TaskPicker
                      graph={graph}
                      value={toCodes(branch.nextNode)[0]}
                      onChange={(code) => change(index, { nextNode: code })}
                      exclude={exclude}
                      placeholder={tx('picker.task')}
                      testId="switch-next"
                      invalid={!!errors[`${at}.nextNode`]}
                    />
                  </Field>
                </Space>
              </Card>
            );
          })}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => setBranches([...branches, { condition: '', nextNode: null }])} data-testid="switch-add-branch">
            {tx('switch.addBranch')}
          </Button>
        </div>
      </Field>
      <Field label={tx('switch.default')} error={errors['switchResult.nextNode']} extra={tx('switch.defaultHint')}>
        <TaskPicker
          graph={graph}
          value={toCodes(result.nextNode)[0]}
          onChange={(code) => setResult({ nextNode: code })}
          exclude={exclude}
          placeholder={tx('picker.task')}
          testId="switch-default"
        />
      </Field>
    </>
  );
}
