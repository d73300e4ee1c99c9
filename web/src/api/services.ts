// One function per REST call the UI makes, grouped by resource (paths from ds-api.md / ds-ui-pages.md).
import { http, FormFields } from './client';
import type {
  AccessToken,
  AlertGroup,
  DagData,
  Environment,
  GanttData,
  InstanceTasks,
  LogChunk,
  LoginResult,
  PageInfo,
  ProcessDefinition,
  ProcessDefinitionVersion,
  ProcessInstance,
  Project,
  Queue,
  ReleaseState,
  Schedule,
  StateCount,
  TaskInstance,
  Tenant,
  User,
  WorkerGroup,
} from './types';

export interface PageQuery {
  pageNo: number;
  pageSize: number;
  searchVal?: string;
}

export const authApi = {
  login: (userName: string, userPassword: string) => http.post<LoginResult>('/login', { userName, userPassword }),
  signOut: () => http.post<null>('/signOut'),
  userInfo: () => http.get<User>('/users/get-user-info'),
};

export const usersApi = {
  page: (q: PageQuery) => http.get<PageInfo<User>>('/users/list-paging', { ...q }),
  create: (f: FormFields) => http.post<User>('/users/create', f),
  update: (f: FormFields) => http.post<null>('/users/update', f),
  remove: (id: number) => http.post<null>('/users/delete', { id }),
  verifyName: (userName: string) => http.get<null>('/users/verify-user-name', { userName }),
  listAll: () => http.get<User[]>('/users/list-all'),
};

export const tenantsApi = {
  page: (q: PageQuery) => http.get<PageInfo<Tenant>>('/tenants', { ...q }),
  list: () => http.get<Tenant[]>('/tenants/list'),
  create: (f: { tenantCode: string; queueId: number; description?: string }) => http.post<Tenant>('/tenants', f),
  update: (id: number, f: { tenantCode: string; queueId: number; description?: string }) =>
    http.put<null>(`/tenants/${id}`, { ...f, id }),
  remove: (id: number) => http.delete<null>(`/tenants/${id}`),
};

export const queuesApi = {
  page: (q: PageQuery) => http.get<PageInfo<Queue>>('/queues', { ...q }),
  list: () => http.get<Queue[]>('/queues/list'),
  create: (f: { queue: string; queueName: string }) => http.post<Queue>('/queues', f),
  update: (id: number, f: { queue: string; queueName: string }) => http.put<Queue>(`/queues/${id}`, { ...f, id }),
};

export const workerGroupsApi = {
  page: (q: PageQuery) => http.get<PageInfo<WorkerGroup>>('/worker-groups', { ...q }),
  all: () => http.get<string[]>('/worker-groups/all'),
  addresses: () => http.get<string[]>('/worker-groups/worker-address-list'),
  save: (f: { id?: number; name: string; addrList: string; description?: string }) =>
    http.post<unknown>('/worker-groups', f),
  remove: (id: number) => http.delete<null>(`/worker-groups/${id}`),
};

export const environmentsApi = {
  page: (q: PageQuery) => http.get<PageInfo<Environment>>('/environment/list-paging', { ...q }),
  list: () => http.get<Environment[]>('/environment/query-environment-list'),
  create: (f: { name: string; config: string; description?: string; workerGroups: string[] }) =>
    http.post<number>('/environment/create', { ...f, workerGroups: JSON.stringify(f.workerGroups) }),
  update: (f: { code: number; name: string; config: string; description?: string; workerGroups: string[] }) =>
    http.post<unknown>('/environment/update', { ...f, workerGroups: JSON.stringify(f.workerGroups) }),
  remove: (environmentCode: number) => http.post<null>('/environment/delete', { environmentCode }),
};

export const tokensApi = {
  page: (q: PageQuery) => http.get<PageInfo<AccessToken>>('/access-tokens', { ...q }),
  generate: (userId: number, expireTime: string) => http.post<string>('/access-tokens/generate', { userId, expireTime }),
  create: (f: { userId: number; expireTime: string; token?: string }) => http.post<AccessToken>('/access-tokens', f),
  update: (id: number, f: { userId: number; expireTime: string; token?: string }) =>
    http.put<AccessToken>(`/access-tokens/${id}`, f),
  remove: (id: number) => http.delete<null>(`/access-tokens/${id}`),
};

export const alertGroupsApi = {
  list: () => http.get<AlertGroup[]>('/alert-groups/list'),
};

export const projectsApi = {
  page: (q: PageQuery) => http.get<PageInfo<Project>>('/projects', { ...q }),
  get: (code: number) => http.get<Project>(`/projects/${code}`),
  list: () => http.get<Project[]>('/projects/list'),
  create: (f: { projectName: string; description?: string }) => http.post<Project>('/projects', f),
  update: (code: number, f: { projectName: string; description?: string; userName: string }) =>
    http.put<Project>(`/projects/${code}`, f),
  remove: (code: number) => http.delete<boolean>(`/projects/${code}`),
};

export const analysisApi = {
  taskStates: (q: { startDate?: string; endDate?: string; projectCode?: number }) =>
    http.get<StateCount>('/projects/analysis/task-state-count', { ...q }),
  workflowStates: (q: { startDate?: string; endDate?: string; projectCode?: number }) =>
    http.get<StateCount>('/projects/analysis/process-state-count', { ...q }),
};

const pd = (pc: number) => `/projects/${pc}/process-definition`;

export const definitionsApi = {
  page: (pc: number, q: PageQuery) => http.get<PageInfo<ProcessDefinition>>(pd(pc), { ...q }),
  get: (pc: number, code: number) => http.get<DagData>(`${pd(pc)}/${code}`),
  release: (pc: number, code: number, name: string, releaseState: ReleaseState) =>
    http.post<null>(`${pd(pc)}/${code}/release`, { name, releaseState }),
  remove: (pc: number, code: number) => http.delete<null>(`${pd(pc)}/${code}`),
  batchDelete: (pc: number, codes: number[]) => http.post<null>(`${pd(pc)}/batch-delete`, { codes: codes.join(',') }),
  batchCopy: (pc: number, codes: number[], targetProjectCode: number) =>
    http.post<unknown>(`${pd(pc)}/batch-copy`, { codes: codes.join(','), targetProjectCode }),
  batchExport: (pc: number, codes: number[]) => http.postText(`${pd(pc)}/batch-export`, { codes: codes.join(',') }),
  importFile: (pc: number, file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return http.upload<unknown>(`${pd(pc)}/import`, body);
  },
  versions: (pc: number, code: number, q: PageQuery) =>
    http.get<PageInfo<ProcessDefinitionVersion>>(`${pd(pc)}/${code}/versions`, { ...q }),
  switchVersion: (pc: number, code: number, version: number) => http.get<null>(`${pd(pc)}/${code}/versions/${version}`),
  deleteVersion: (pc: number, code: number, version: number) =>
    http.delete<null>(`${pd(pc)}/${code}/versions/${version}`),
};

export const schedulesApi = {
  forDefinition: (pc: number, processDefinitionCode: number) =>
    http.get<PageInfo<Schedule>>(`/projects/${pc}/schedules`, { processDefinitionCode, pageNo: 1, pageSize: 10 }),
  preview: (pc: number, schedule: object) => http.post<string[]>(`/projects/${pc}/schedules/preview`, { schedule }),
  create: (pc: number, f: FormFields) => http.post<Schedule>(`/projects/${pc}/schedules`, f),
  update: (pc: number, id: number, f: FormFields) => http.put<null>(`/projects/${pc}/schedules/${id}`, f),
  online: (pc: number, id: number) => http.post<null>(`/projects/${pc}/schedules/${id}/online`),
  offline: (pc: number, id: number) => http.post<null>(`/projects/${pc}/schedules/${id}/offline`),
  remove: (pc: number, id: number) => http.delete<null>(`/projects/${pc}/schedules/${id}`),
};

export type ExecuteType = 'REPEAT_RUNNING' | 'RECOVER_SUSPENDED_PROCESS' | 'START_FAILURE_TASK_PROCESS' | 'STOP' | 'PAUSE';

export const executorsApi = {
  start: (pc: number, f: FormFields) => http.post<unknown>(`/projects/${pc}/executors/start-process-instance`, f),
  execute: (pc: number, processInstanceId: number, executeType: ExecuteType) =>
    http.post<null>(`/projects/${pc}/executors/execute`, { processInstanceId, executeType }),
};

export interface InstanceQuery extends PageQuery {
  stateType?: string;
  startDate?: string;
  endDate?: string;
  executorName?: string;
  host?: string;
  processDefineCode?: number;
}

const pi = (pc: number) => `/projects/${pc}/process-instances`;

export const instancesApi = {
  page: (pc: number, q: InstanceQuery) => http.get<PageInfo<ProcessInstance>>(pi(pc), { ...q }),
  get: (pc: number, id: number) => http.get<ProcessInstance>(`${pi(pc)}/${id}`),
  tasks: (pc: number, id: number) => http.get<InstanceTasks>(`${pi(pc)}/${id}/tasks`),
  gantt: (pc: number, id: number) => http.get<GanttData>(`${pi(pc)}/${id}/view-gantt`),
  remove: (pc: number, id: number) => http.delete<null>(`${pi(pc)}/${id}`),
  batchRemove: (pc: number, ids: number[]) =>
    http.post<null>(`${pi(pc)}/batch-delete`, { processInstanceIds: ids.join(',') }),
};

export interface TaskInstanceQuery extends PageQuery {
  processInstanceId?: number;
  processInstanceName?: string;
  stateType?: string;
  host?: string;
  executorName?: string;
  startDate?: string;
  endDate?: string;
  taskExecuteType?: string;
}

export const taskInstancesApi = {
  page: (pc: number, q: TaskInstanceQuery) =>
    http.get<PageInfo<TaskInstance>>(`/projects/${pc}/task-instances`, { taskExecuteType: 'BATCH', ...q }),
  forceSuccess: (pc: number, id: number) => http.post<null>(`/projects/${pc}/task-instances/${id}/force-success`),
};

export const logsApi = {
  detail: (taskInstanceId: number, skipLineNum: number, limit: number, signal?: AbortSignal) =>
    http.get<LogChunk>('/log/detail', { taskInstanceId, skipLineNum, limit }, signal),
};
