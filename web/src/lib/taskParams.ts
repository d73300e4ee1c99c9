// Reading task parameters: taskParams arrive as an object or as JSON text; SWITCH and CONDITIONS
// tasks name their branch targets by task code inside them (number, string or array of either).
import type { TaskDefinition } from '../api/types';

export type Params = Record<string, unknown>;

export function parseTaskParams(raw: unknown): Params {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as Params;
  if (typeof raw === 'string' && raw.trim()) {
    try {
      const value = JSON.parse(raw);
      return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    } catch {
      return {};
    }
  }
  return {};
}

/** Normalises a nextNode / successNode value to a list of numeric codes. */
export function toCodes(value: unknown): number[] {
  const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return items
    .map((item) => (typeof item === 'number' ? item : typeof item === 'string' && item.trim() ? Number(item) : NaN))
    .filter((code) => Number.isFinite(code) && code !== 0);
}

export interface Branch {
  /** what chooses this branch: a SWITCH condition, 'default', 'success' or 'failure' */
  label: string;
  kind: 'condition' | 'default' | 'success' | 'failure';
  codes: number[];
}

export function branchesOf(task: Pick<TaskDefinition, 'taskType' | 'taskParams'>): Branch[] {
  const params = parseTaskParams(task.taskParams);
  if (task.taskType === 'SWITCH') {
    const result = parseTaskParams(params.switchResult);
    const list = Array.isArray(result.dependTaskList) ? (result.dependTaskList as Params[]) : [];
    const branches: Branch[] = list.map((item) => ({
      label: String(item.condition ?? ''),
      kind: 'condition',
      codes: toCodes(item.nextNode),
    }));
    branches.push({ label: 'default', kind: 'default', codes: toCodes(result.nextNode) });
    return branches;
  }
  if (task.taskType === 'CONDITIONS') {
    const result = parseTaskParams(params.conditionResult);
    return [
      { label: 'success', kind: 'success', codes: toCodes(result.successNode) },
      { label: 'failure', kind: 'failure', codes: toCodes(result.failedNode) },
    ];
  }
  return [];
}

/** The main script-like field of a task, shown as code in the parameter viewer. */
export function scriptOf(taskType: string, params: Params): { language: string; text: string } | null {
  if (typeof params.rawScript === 'string') return { language: taskType === 'PYTHON' ? 'python' : 'shell', text: params.rawScript };
  if (typeof params.sql === 'string') return { language: 'sql', text: params.sql };
  return null;
}
