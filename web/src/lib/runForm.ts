// Builds the form of POST /projects/{pc}/executors/start-process-instance from the run dialog's
// values, with the defaults DolphinScheduler's UI sends (ds-ui-pages "Run dialog").
import type { FormFields } from '../api/client';

export interface RunValues {
  failureStrategy: 'CONTINUE' | 'END';
  warningType: 'NONE' | 'SUCCESS' | 'FAILURE' | 'ALL';
  warningGroupId?: number | null;
  processInstancePriority: string;
  workerGroup: string;
  environmentCode?: number | null;
  startParams: { prop: string; value: string }[];
  dryRun: boolean;
  startNodeList: number[];
  taskDependType: 'TASK_POST' | 'TASK_PRE' | 'TASK_ONLY';
  complement: boolean;
  complementRange?: [string, string] | null;
  complementDates?: string[];
  runMode: 'RUN_MODE_SERIAL' | 'RUN_MODE_PARALLEL';
  expectedParallelismNumber?: number | null;
  complementDependentMode: 'OFF_MODE' | 'ALL_DEPENDENT';
}

export const defaultRunValues = (): RunValues => ({
  failureStrategy: 'CONTINUE',
  warningType: 'NONE',
  warningGroupId: null,
  processInstancePriority: 'MEDIUM',
  workerGroup: 'default',
  environmentCode: null,
  startParams: [],
  dryRun: false,
  startNodeList: [],
  taskDependType: 'TASK_POST',
  complement: false,
  complementRange: null,
  complementDates: [],
  runMode: 'RUN_MODE_SERIAL',
  expectedParallelismNumber: null,
  complementDependentMode: 'OFF_MODE',
});

export class RunFormError extends Error {}

export function buildStartForm(definitionCode: number, values: RunValues): FormFields {
  const params: Record<string, string> = {};
  for (const { prop, value } of values.startParams) {
    const key = prop.trim();
    if (!key) continue;
    if (key in params) throw new RunFormError(`Start parameter "${key}" is given twice.`);
    params[key] = value ?? '';
  }
  let scheduleTime: string;
  if (values.complement) {
    if (values.complementDates && values.complementDates.length) {
      if (values.complementDates.length > 100) throw new RunFormError('At most 100 backfill dates can be run at once.');
      scheduleTime = JSON.stringify({ complementScheduleDateList: values.complementDates.join(',') });
    } else if (values.complementRange && values.complementRange[0] && values.complementRange[1]) {
      const [start, end] = values.complementRange;
      if (start > end) throw new RunFormError('The backfill start date is after its end date.');
      scheduleTime = JSON.stringify({ complementStartDate: start, complementEndDate: end });
    } else {
      throw new RunFormError('Choose the date range to backfill.');
    }
  } else {
    scheduleTime = '';
  }
  if (values.taskDependType !== 'TASK_POST' && values.startNodeList.length === 0) {
    throw new RunFormError('Choose the tasks to start from.');
  }
  return {
    processDefinitionCode: definitionCode,
    failureStrategy: values.failureStrategy,
    warningType: values.warningType,
    warningGroupId: values.warningGroupId ?? '',
    execType: values.complement ? 'COMPLEMENT_DATA' : 'START_PROCESS',
    startNodeList: values.startNodeList.join(','),
    taskDependType: values.taskDependType,
    complementDependentMode: values.complementDependentMode,
    runMode: values.runMode,
    processInstancePriority: values.processInstancePriority,
    workerGroup: values.workerGroup || 'default',
    environmentCode: values.environmentCode ?? '',
    startParams: Object.keys(params).length ? JSON.stringify(params) : '',
    expectedParallelismNumber:
      values.complement && values.runMode === 'RUN_MODE_PARALLEL' ? values.expectedParallelismNumber ?? '' : '',
    dryRun: values.dryRun ? 1 : 0,
    scheduleTime,
  };
}
