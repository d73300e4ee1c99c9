// Shapes of the JSON the DolphinScheduler 3.1 REST API returns (only the fields the UI reads).
// Codes are 64-bit integers below 2^53, so plain JS numbers hold them exactly.

export interface PageInfo<T> {
  totalList: T[] | null;
  total: number;
  totalPage: number;
  pageSize: number;
  currentPage: number;
  start?: number;
}

export type UserType = 'ADMIN_USER' | 'GENERAL_USER';

export interface User {
  id: number;
  userName: string;
  userType: UserType;
  email?: string;
  phone?: string;
  tenantId: number;
  tenantCode?: string | null;
  queue?: string | null;
  queueName?: string | null;
  state: number;
  timeZone?: string | null;
  createTime?: string;
  updateTime?: string;
}

export interface LoginResult {
  sessionId: string;
  securityConfigType?: string;
}

export interface Tenant {
  id: number;
  tenantCode: string;
  description?: string;
  queueId: number;
  queueName?: string | null;
  createTime?: string;
  updateTime?: string;
}

export interface Queue {
  id: number;
  queueName: string;
  queue: string;
  createTime?: string | null;
  updateTime?: string | null;
}

export interface WorkerGroup {
  id: number;
  name: string;
  addrList: string;
  description?: string;
  systemDefault?: boolean;
  createTime?: string;
  updateTime?: string;
}

export interface Environment {
  id: number;
  code: number;
  name: string;
  config: string;
  description?: string;
  workerGroups?: string[];
  operator?: number;
  createTime?: string;
  updateTime?: string;
}

export interface AccessToken {
  id: number;
  userId: number;
  userName?: string;
  token: string;
  expireTime: string;
  createTime?: string;
  updateTime?: string;
}

export interface AlertGroup {
  id: number;
  groupName: string;
}

export interface Project {
  id: number;
  code: number;
  name: string;
  description?: string;
  userId: number;
  userName?: string;
  createTime?: string;
  updateTime?: string;
  defCount?: number;
  instRunningCount?: number;
}

export type ReleaseState = 'ONLINE' | 'OFFLINE';

export interface Property {
  prop: string;
  direct?: 'IN' | 'OUT';
  type?: string;
  value?: string;
}

export interface ProcessDefinition {
  id: number;
  code: number;
  name: string;
  version: number;
  releaseState: ReleaseState;
  projectCode: number;
  description?: string;
  globalParams?: string;
  globalParamList?: Property[] | null;
  createTime?: string;
  updateTime?: string;
  userId?: number;
  userName?: string | null;
  modifyBy?: string | null;
  locations?: string | null;
  scheduleReleaseState?: ReleaseState | null;
  timeout?: number;
  tenantId?: number;
  tenantCode?: string | null;
  executionType?: string;
}

export interface ProcessDefinitionVersion extends ProcessDefinition {
  operator?: number;
  operateTime?: string;
}

export interface TaskDefinition {
  id?: number;
  code: number;
  name: string;
  version?: number;
  description?: string;
  taskType: string;
  taskParams: unknown;
  flag?: 'YES' | 'NO';
  taskPriority?: string;
  workerGroup?: string;
  environmentCode?: number;
  failRetryTimes?: number;
  failRetryInterval?: number;
  timeoutFlag?: string;
  timeoutNotifyStrategy?: string | null;
  timeout?: number;
  delayTime?: number;
  taskGroupId?: number;
  cpuQuota?: number;
  memoryMax?: number;
}

export interface TaskRelation {
  preTaskCode: number;
  postTaskCode: number;
  preTaskVersion?: number;
  postTaskVersion?: number;
  conditionType?: string;
}

export interface DagData {
  processDefinition: ProcessDefinition;
  processTaskRelationList: TaskRelation[];
  taskDefinitionList: TaskDefinition[];
}

export type WorkflowState =
  | 'SUBMITTED_SUCCESS'
  | 'RUNNING_EXECUTION'
  | 'READY_PAUSE'
  | 'PAUSE'
  | 'READY_STOP'
  | 'STOP'
  | 'FAILURE'
  | 'SUCCESS'
  | 'DELAY_EXECUTION'
  | 'SERIAL_WAIT'
  | 'READY_BLOCK'
  | 'BLOCK'
  | 'WAIT_TO_RUN'
  | 'FAILOVER';

export type TaskState =
  | 'SUBMITTED_SUCCESS'
  | 'RUNNING_EXECUTION'
  | 'PAUSE'
  | 'FAILURE'
  | 'SUCCESS'
  | 'NEED_FAULT_TOLERANCE'
  | 'KILL'
  | 'DELAY_EXECUTION'
  | 'FORCED_SUCCESS'
  | 'DISPATCH'
  | 'SKIPPED';

export interface ProcessInstance {
  id: number;
  name: string;
  state: WorkflowState;
  commandType?: string;
  processDefinitionCode: number;
  processDefinitionVersion?: number;
  scheduleTime?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  duration?: string | null;
  runTimes?: number;
  recovery?: string;
  dryRun?: number;
  executorName?: string | null;
  host?: string | null;
  failureStrategy?: string;
  processInstancePriority?: string;
  workerGroup?: string;
  globalParams?: string | null;
  commandParam?: string | null;
  tenantCode?: string | null;
  dagData?: DagData | null;
}

export interface TaskInstance {
  id: number;
  name: string;
  taskType: string;
  processInstanceId: number;
  processInstanceName?: string;
  taskCode: number;
  state: TaskState;
  submitTime?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  duration?: string | null;
  retryTimes?: number;
  host?: string | null;
  executorName?: string | null;
  dryRun?: number;
  taskParams?: string | null;
  varPool?: string | null;
  flag?: string;
  switchDependency?: unknown;
  dependentResult?: string | null;
  /** Porpoise: why a task was SKIPPED */
  skipReason?: string | null;
}

export interface InstanceTasks {
  taskList: TaskInstance[];
  processInstanceState: WorkflowState;
}

export interface GanttTask {
  taskName: string;
  startDate: number[];
  endDate: number[];
  isoStart?: string;
  isoEnd?: string;
  status: string;
  duration?: string;
}

export interface GanttData {
  height?: number;
  taskNames?: string[];
  tasks: GanttTask[];
}

export interface LogChunk {
  lineNum: number;
  message: string;
}

export interface StateCount {
  totalCount: number;
  taskCountDtos: { taskStateType: string; count: number }[];
}

export interface Schedule {
  id: number;
  processDefinitionCode: number;
  processDefinitionName?: string;
  startTime: string;
  endTime: string;
  timezoneId: string;
  crontab: string;
  failureStrategy?: string;
  warningType?: string;
  warningGroupId?: number;
  processInstancePriority?: string;
  workerGroup?: string;
  environmentCode?: number;
  releaseState: ReleaseState;
  userName?: string;
  updateTime?: string;
}
