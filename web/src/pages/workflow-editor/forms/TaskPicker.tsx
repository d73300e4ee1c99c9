// A select of the workflow's tasks by name (value = task code). `exclude` hides tasks that
// cannot be chosen (the task itself, tasks that would close a cycle).
import { Select } from 'antd';
import type { EditorGraph } from '../model';

export function TaskPicker({
  graph,
  value,
  onChange,
  exclude,
  placeholder,
  testId,
  invalid,
  allowClear = true,
}: {
  graph: EditorGraph;
  value: number | null | undefined;
  onChange: (code: number | null) => void;
  exclude: Set<number>;
  placeholder: string;
  testId?: string;
  invalid?: boolean;
  allowClear?: boolean;
}) {
  const options = graph.tasks
    .filter((t) => !exclude.has(t.code) || t.code === value)
    .map((t) => ({ value: t.code, label: `${t.name} (${t.taskType})` }));
  return (
    <Select
      value={value || undefined}
      onChange={(v) => onChange(v ?? null)}
      options={options}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch
      optionFilterProp="label"
      status={invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
