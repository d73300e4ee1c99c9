// Places a save error from the server on what it concerns. The envelope's msg names the task
// ("task foo: SHELL task: rawScript is required", "task foo: unknown task type 'X'",
// "process node has cycle: a -> b -> a") or a workflow setting (code 10168 name taken,
// 10017 unknown tenant, 1400004 description too long).
//
// Contract: locateServerError(code, msg, tasks) → { tasks: code → FieldErrors (the field path as
// the server spells it, or "" for the task as a whole), settings: setting → message }. When
// nothing can be placed both maps are empty and the caller shows msg as a whole.
import type { FieldErrors } from './validation';

export interface LocatedErrors {
  tasks: Map<number, FieldErrors>;
  settings: Record<string, string>;
}

interface NamedTask {
  code: number;
  name: string;
}

const SETTING_BY_STATUS: Record<number, string> = {
  10168: 'name', // PROCESS_DEFINITION_NAME_EXIST
  10017: 'tenantCode', // TENANT_NOT_EXIST
  1400004: 'description', // DESCRIPTION_TOO_LONG_ERROR
};

const FIELD = /^([A-Za-z_]\w*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)*)/;

/** The field a plugin message starts with, without the "<TYPE> task: " prefix. */
export function fieldOfProblem(problem: string): string {
  const text = problem.replace(/^[A-Z_]+ task:\s*/, '');
  if (/^unknown task type/i.test(text)) return 'taskType';
  if (/^(taskParams|params)\b/.test(text)) return '';
  const match = FIELD.exec(text);
  if (!match) return '';
  const field = match[1];
  // a message that starts with an ordinary word is about the task as a whole
  return /[.[]/.test(field) || /[A-Z]/.test(field) || ['url', 'sql', 'zk', 'condition', 'name', 'dependence'].includes(field) ? field : '';
}

export function locateServerError(code: number, msg: string, tasks: NamedTask[]): LocatedErrors {
  const located: LocatedErrors = { tasks: new Map(), settings: {} };
  const setting = SETTING_BY_STATUS[code];
  if (setting) {
    located.settings[setting] = msg;
    return located;
  }
  if (/request parameter globalParams/i.test(msg)) {
    located.settings.globalParams = msg;
    return located;
  }
  const add = (taskCode: number, field: string, text: string) => {
    const errors = located.tasks.get(taskCode) ?? {};
    errors[field] = errors[field] ? `${errors[field]}; ${text}` : text;
    located.tasks.set(taskCode, errors);
  };
  // longest names first, so "load" does not claim a message about "load_all"
  const byLength = [...tasks].sort((a, b) => b.name.length - a.name.length);
  const cycle = /has cycle:\s*(.+)$/i.exec(msg);
  if (cycle) {
    const names = new Set(cycle[1].split('->').map((n) => n.trim()));
    for (const t of tasks) if (names.has(t.name)) add(t.code, '', msg);
    return located;
  }
  const subCycle = /sub-workflow cycle: task (.+) leads back to workflow/.exec(msg);
  if (subCycle) {
    const t = tasks.find((task) => task.name === subCycle[1]);
    if (t) add(t.code, 'processDefinitionCode', msg);
    if (t) return located;
  }
  for (const t of byLength) {
    const marker = `task ${t.name}: `;
    const at = msg.indexOf(marker);
    if (at >= 0) {
      const problem = msg.slice(at + marker.length);
      add(t.code, fieldOfProblem(problem), problem);
      return located;
    }
  }
  // messages that name tasks differently: duplicate names, "task <name> has no code", …
  for (const t of byLength) {
    if (t.name && new RegExp(`(^|[\\s'"])${escapeRegExp(t.name)}($|[\\s'",:])`).test(msg)) add(t.code, '', msg);
  }
  return located;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
