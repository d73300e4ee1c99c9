// The task types the editor offers, with the taskParams a freshly dropped task starts with
// (the defaults DolphinScheduler's own UI uses, ds-tasks.md §3) and the common fields' defaults
// (ds-tasks.md §1).
import type { Params } from '../../lib/taskParams';

export type TaskKind = 'script' | 'logic' | 'reference' | 'ml' | 'integration';

export interface TaskTypeInfo {
  type: string;
  kind: TaskKind;
  /** key of the one-line description in editorText */
  hint: string;
}

export const TASK_TYPES: TaskTypeInfo[] = [
  { type: 'SHELL', kind: 'script', hint: 'palette.SHELL' },
  { type: 'PYTHON', kind: 'script', hint: 'palette.PYTHON' },
  { type: 'CONDITIONS', kind: 'logic', hint: 'palette.CONDITIONS' },
  { type: 'SWITCH', kind: 'logic', hint: 'palette.SWITCH' },
  { type: 'SUB_PROCESS', kind: 'reference', hint: 'palette.SUB_PROCESS' },
  { type: 'DEPENDENT', kind: 'reference', hint: 'palette.DEPENDENT' },
  { type: 'HTTP', kind: 'integration', hint: 'palette.HTTP' },
  { type: 'MLFLOW', kind: 'ml', hint: 'palette.MLFLOW' },
  { type: 'DVC', kind: 'ml', hint: 'palette.DVC' },
  { type: 'OPENMLDB', kind: 'ml', hint: 'palette.OPENMLDB' },
];

export const KNOWN_TYPES = new Set(TASK_TYPES.map((t) => t.type));

export const MLFLOW_PROJECTS = 'MLflow Projects';
export const MLFLOW_MODELS = 'MLflow Models';
export const DVC_UPLOAD = 'Upload';
export const DVC_DOWNLOAD = 'Download';
export const DVC_INIT = 'Init DVC';

export function defaultParams(type: string): Params {
  const base = { localParams: [], resourceList: [] };
  switch (type) {
    case 'SHELL':
    case 'PYTHON':
      return { ...base, rawScript: '' };
    case 'CONDITIONS':
      return {
        ...base,
        dependence: { relation: 'AND', dependTaskList: [{ relation: 'AND', dependItemList: [] }] },
        conditionResult: { successNode: [], failedNode: [] },
      };
    case 'SWITCH':
      return { ...base, switchResult: { dependTaskList: [{ condition: '', nextNode: null }], nextNode: null } };
    case 'SUB_PROCESS':
      return { ...base, processDefinitionCode: null };
    case 'DEPENDENT':
      return {
        ...base,
        dependence: {
          relation: 'AND',
          dependTaskList: [
            {
              relation: 'AND',
              dependItemList: [{ projectCode: null, definitionCode: null, depTaskCode: 0, cycle: 'day', dateValue: 'today' }],
            },
          ],
        },
      };
    case 'HTTP':
      return {
        ...base,
        url: '',
        httpMethod: 'GET',
        httpParams: [],
        httpCheckCondition: 'STATUS_CODE_DEFAULT',
        condition: '',
        connectTimeout: 60000,
        socketTimeout: 60000,
      };
    case 'MLFLOW':
      return {
        ...base,
        mlflowTaskType: MLFLOW_PROJECTS,
        mlflowTrackingUri: 'http://127.0.0.1:5000',
        mlflowJobType: 'CustomProject',
        experimentName: '',
        registerModel: false,
        modelName: '',
        dataPath: '',
        params: '',
        algorithm: 'svm',
        searchParams: '',
        automlTool: 'flaml',
        mlflowProjectRepository: '',
        mlflowProjectVersion: '',
        deployType: 'MLFLOW',
        deployModelKey: '',
        deployPort: '7000',
      };
    case 'DVC':
      return {
        ...base,
        dvcTaskType: DVC_UPLOAD,
        dvcRepository: '',
        dvcDataLocation: '',
        dvcLoadSaveDataPath: '',
        dvcVersion: '',
        dvcMessage: '',
        dvcStoreUrl: '',
      };
    case 'OPENMLDB':
      return { ...base, zk: '', zkPath: '', executeMode: 'offline', sql: '' };
    default:
      return { ...base };
  }
}

export const PRIORITIES = ['HIGHEST', 'HIGH', 'MEDIUM', 'LOW', 'LOWEST'] as const;
export const DATA_TYPES = ['VARCHAR', 'INTEGER', 'LONG', 'FLOAT', 'DOUBLE', 'DATE', 'TIME', 'TIMESTAMP', 'BOOLEAN', 'LIST'] as const;
export const EXECUTION_TYPES = ['PARALLEL', 'SERIAL_WAIT', 'SERIAL_DISCARD', 'SERIAL_PRIORITY'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE'] as const;
export const HTTP_PARAM_TYPES = ['PARAMETER', 'BODY', 'HEADERS'] as const;
export const HTTP_CHECKS = ['STATUS_CODE_DEFAULT', 'STATUS_CODE_CUSTOM', 'BODY_CONTAINS', 'BODY_NOT_CONTAINS'] as const;
export const MLFLOW_JOB_TYPES = ['BasicAlgorithm', 'AutoML', 'CustomProject'] as const;
export const MLFLOW_ALGORITHMS = ['svm', 'lr', 'lightgbm', 'xgboost'] as const;
export const MLFLOW_AUTOML_TOOLS = ['flaml', 'autosklearn'] as const;
export const MLFLOW_DEPLOY_TYPES = ['MLFLOW', 'DOCKER'] as const;

/** DEPENDENT date windows per cycle (ds-tasks.md §3.6). */
export const DEPENDENT_DATE_VALUES: Record<string, string[]> = {
  hour: ['currentHour', 'last1Hour', 'last2Hours', 'last3Hours', 'last24Hours'],
  day: ['today', 'last1Days', 'last2Days', 'last3Days', 'last7Days'],
  week: [
    'thisWeek',
    'lastWeek',
    'lastMonday',
    'lastTuesday',
    'lastWednesday',
    'lastThursday',
    'lastFriday',
    'lastSaturday',
    'lastSunday',
  ],
  month: ['thisMonth', 'thisMonthBegin', 'lastMonth', 'lastMonthBegin', 'lastMonthEnd'],
};
