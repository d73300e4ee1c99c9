// Checks a task before it is applied or saved, with the same rules the server applies
// (ds-tasks.md §1, §3) so that most mistakes are caught in the form.
//
// Contract: validateTask returns FieldErrors keyed by the field's path inside the task, spelled
// the way the server names fields in its messages ("rawScript",
// "switchResult.dependTaskList[0].nextNode", "localParams[1].prop", or a common field such as
// "name"), so client and server errors land on the same form field. An empty object = valid.
import type { Params } from '../../lib/taskParams';
import { parseTaskParams, toCodes } from '../../lib/taskParams';
import type { EditorGraph, EditorTask } from './model';
import type { TextFn } from './editorText';
import { DEPENDENT_DATE_VALUES, DVC_INIT, DVC_UPLOAD, MLFLOW_MODELS } from './taskTypes';

export type FieldErrors = Record<string, string>;

const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
const hasPlaceholder = (v: unknown) => /\$\{[^}]+\}|\$\[[^\]]+\]/.test(String(v ?? ''));
const list = (v: unknown): Params[] => (Array.isArray(v) ? (v as Params[]) : []);

function nonNegativeInteger(errors: FieldErrors, path: string, value: number, tx: TextFn) {
  if (!Number.isInteger(value) || value < 0) errors[path] = tx('valid.nonNegative');
}

export function validateTask(task: EditorTask, graph: EditorGraph, tx: TextFn): FieldErrors {
  const errors: FieldErrors = {};
  const name = task.name.trim();
  if (!name) errors.name = tx('valid.required');
  else if (graph.tasks.some((t) => t.code !== task.code && t.name.trim() === name)) errors.name = tx('valid.nameTaken');
  if (task.description.length > 255) errors.description = tx('valid.tooLong', { n: 255 });
  nonNegativeInteger(errors, 'failRetryTimes', task.failRetryTimes, tx);
  nonNegativeInteger(errors, 'failRetryInterval', task.failRetryInterval, tx);
  nonNegativeInteger(errors, 'delayTime', task.delayTime, tx);
  if (task.timeoutFlag === 'OPEN') {
    if (!task.timeoutNotifyStrategy) errors.timeoutNotifyStrategy = tx('valid.timeoutStrategy');
    if (!Number.isInteger(task.timeout) || task.timeout < 1) errors.timeout = tx('valid.positive');
  }
  const p = task.params;
  const seen = new Set<string>();
  list(p.localParams).forEach((param, i) => {
    const prop = String(param.prop ?? '').trim();
    if (!prop) errors[`localParams[${i}].prop`] = tx('valid.required');
    else if (seen.has(prop)) errors[`localParams[${i}].prop`] = tx('valid.duplicateParam');
    seen.add(prop);
  });
  const codes = new Set(graph.tasks.map((t) => t.code));
  const require = (key: string) => {
    if (blank(p[key])) errors[key] = tx('valid.required');
  };

  switch (task.taskType) {
    case 'SHELL':
    case 'PYTHON':
      require('rawScript');
      break;
    case 'CONDITIONS': {
      const dep = parseTaskParams(p.dependence);
      const groups = list(dep.dependTaskList);
      let items = 0;
      groups.forEach((g, gi) =>
        list(g.dependItemList).forEach((item, ii) => {
          items++;
          const at = `dependence.dependTaskList[${gi}].dependItemList[${ii}]`;
          const code = toCodes(item.depTaskCode)[0];
          if (!code || !codes.has(code)) errors[`${at}.depTaskCode`] = tx('valid.pickTask');
          else if (code === task.code) errors[`${at}.depTaskCode`] = tx('valid.notItself');
          if (blank(item.status)) errors[`${at}.status`] = tx('valid.required');
        }),
      );
      if (!items) errors.dependence = tx('valid.conditionsNeedCheck');
      const r = parseTaskParams(p.conditionResult);
      const success = toCodes(r.successNode);
      const failed = toCodes(r.failedNode);
      if (!success.length && !failed.length) errors.conditionResult = tx('valid.conditionsNeedBranch');
      else if (success.some((c) => failed.includes(c))) errors.conditionResult = tx('valid.branchesDiffer');
      for (const c of [...success, ...failed]) if (!codes.has(c)) errors.conditionResult = tx('valid.pickTask');
      break;
    }
    case 'SWITCH': {
      const r = parseTaskParams(p.switchResult);
      const branches = list(r.dependTaskList);
      if (!branches.length) errors.switchResult = tx('valid.switchNeedsBranch');
      branches.forEach((b, i) => {
        const at = `switchResult.dependTaskList[${i}]`;
        if (blank(b.condition)) errors[`${at}.condition`] = tx('valid.required');
        const next = toCodes(b.nextNode)[0];
        if (!next || !codes.has(next)) errors[`${at}.nextNode`] = tx('valid.pickTask');
      });
      const fallback = toCodes(r.nextNode)[0];
      if (fallback && !codes.has(fallback)) errors['switchResult.nextNode'] = tx('valid.pickTask');
      break;
    }
    case 'SUB_PROCESS':
      if (!toCodes(p.processDefinitionCode)[0]) errors.processDefinitionCode = tx('valid.pickWorkflow');
      break;
    case 'DEPENDENT': {
      const dep = parseTaskParams(p.dependence);
      let items = 0;
      list(dep.dependTaskList).forEach((g, gi) =>
        list(g.dependItemList).forEach((item, ii) => {
          items++;
          const at = `dependence.dependTaskList[${gi}].dependItemList[${ii}]`;
          if (!toCodes(item.projectCode)[0]) errors[`${at}.projectCode`] = tx('valid.required');
          if (!toCodes(item.definitionCode)[0]) errors[`${at}.definitionCode`] = tx('valid.pickWorkflow');
          const cycle = String(item.cycle ?? '');
          if (!DEPENDENT_DATE_VALUES[cycle]) errors[`${at}.cycle`] = tx('valid.required');
          else if (!DEPENDENT_DATE_VALUES[cycle].includes(String(item.dateValue ?? ''))) errors[`${at}.dateValue`] = tx('valid.required');
        }),
      );
      if (!items) errors.dependence = tx('valid.dependentNeedsItem');
      break;
    }
    case 'HTTP': {
      const url = String(p.url ?? '').trim();
      if (!url) errors.url = tx('valid.required');
      else if (!/^https?:\/\//i.test(url) && !hasPlaceholder(url)) errors.url = tx('valid.url');
      list(p.httpParams).forEach((hp, i) => {
        if (blank(hp.prop)) errors[`httpParams[${i}].prop`] = tx('valid.required');
      });
      const check = String(p.httpCheckCondition || 'STATUS_CODE_DEFAULT');
      if (check !== 'STATUS_CODE_DEFAULT' && blank(p.condition)) errors.condition = tx('valid.required');
      else if (check === 'STATUS_CODE_CUSTOM' && !/^\d{3}$/.test(String(p.condition).trim()) && !hasPlaceholder(p.condition))
        errors.condition = tx('valid.statusCode');
      for (const key of ['connectTimeout', 'socketTimeout']) {
        const v = Number(p[key]);
        if (!blank(p[key]) && (!Number.isInteger(v) || v < 0)) errors[key] = tx('valid.nonNegative');
      }
      break;
    }
    case 'MLFLOW': {
      require('mlflowTrackingUri');
      if (p.mlflowTaskType === MLFLOW_MODELS) {
        require('deployModelKey');
        const key = String(p.deployModelKey ?? '');
        if (!errors.deployModelKey && p.deployType === 'DOCKER' && !hasPlaceholder(key) && !/^(runs|models):\//.test(key))
          errors.deployModelKey = tx('valid.modelKey');
        const port = String(p.deployPort ?? '').trim();
        if (!port) errors.deployPort = tx('valid.required');
        else if (!hasPlaceholder(port) && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) errors.deployPort = tx('valid.port');
      } else {
        require('mlflowJobType');
        if (p.mlflowJobType === 'CustomProject') require('mlflowProjectRepository');
        else require('dataPath');
        if (p.registerModel && p.mlflowJobType !== 'CustomProject') require('modelName');
      }
      break;
    }
    case 'DVC':
      require('dvcRepository');
      if (p.dvcTaskType === DVC_INIT) require('dvcStoreUrl');
      else {
        require('dvcDataLocation');
        require('dvcLoadSaveDataPath');
        require('dvcVersion');
        if (p.dvcTaskType === DVC_UPLOAD) require('dvcMessage');
      }
      break;
    case 'OPENMLDB':
      require('zk');
      require('zkPath');
      require('sql');
      if (!errors.sql && !String(p.sql).split(';').some((s) => s.trim())) errors.sql = tx('valid.noStatement');
      break;
    default:
      break;
  }
  return errors;
}

/** Errors of every task, keyed by task code (tasks without errors are left out). */
export function validateGraph(graph: EditorGraph, tx: TextFn): Map<number, FieldErrors> {
  const result = new Map<number, FieldErrors>();
  for (const task of graph.tasks) {
    const errors = validateTask(task, graph, tx);
    if (Object.keys(errors).length) result.set(task.code, errors);
  }
  return result;
}

/** The message for a field: its own, or the first one of a field nested inside it. */
export function errorAt(errors: FieldErrors | undefined, path: string): string | undefined {
  if (!errors) return undefined;
  if (errors[path]) return errors[path];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${path}.`) || k.startsWith(`${path}[`));
  return nested ? errors[nested] : undefined;
}
