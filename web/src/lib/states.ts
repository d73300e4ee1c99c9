// Display metadata for workflow-instance and task-instance states, plus the pseudo states the
// instance DAG uses for tasks that have no task instance (SKIPPED, PENDING, NOT_RUN, FORBIDDEN).
import type { TaskState, WorkflowState } from '../api/types';

export type NodeStatus = TaskState | 'SKIPPED' | 'PENDING' | 'NOT_RUN' | 'FORBIDDEN';

export interface StateMeta {
  color: string;
  /** i18n key of the label */
  label: string;
  /** true when the state will not change by itself any more */
  finished: boolean;
  /** true when something is actively happening (spinner) */
  active?: boolean;
}

const C = {
  green: '#389e0d',
  cyan: '#08979c',
  red: '#cf1322',
  volcano: '#d4380d',
  orange: '#d46b08',
  blue: '#1677ff',
  geekblue: '#2f54eb',
  gold: '#d48806',
  purple: '#722ed1',
  grey: '#8c8c8c',
  lightGrey: '#bfbfbf',
};

export const WORKFLOW_STATES: Record<WorkflowState, StateMeta> = {
  SUBMITTED_SUCCESS: { color: C.geekblue, label: 'state.SUBMITTED_SUCCESS', finished: false, active: true },
  RUNNING_EXECUTION: { color: C.blue, label: 'state.RUNNING_EXECUTION', finished: false, active: true },
  READY_PAUSE: { color: C.gold, label: 'state.READY_PAUSE', finished: false, active: true },
  PAUSE: { color: C.gold, label: 'state.PAUSE', finished: true },
  READY_STOP: { color: C.orange, label: 'state.READY_STOP', finished: false, active: true },
  STOP: { color: C.orange, label: 'state.STOP', finished: true },
  FAILURE: { color: C.red, label: 'state.FAILURE', finished: true },
  SUCCESS: { color: C.green, label: 'state.SUCCESS', finished: true },
  DELAY_EXECUTION: { color: C.purple, label: 'state.DELAY_EXECUTION', finished: false, active: true },
  SERIAL_WAIT: { color: C.purple, label: 'state.SERIAL_WAIT', finished: false, active: true },
  READY_BLOCK: { color: C.gold, label: 'state.READY_BLOCK', finished: false, active: true },
  BLOCK: { color: C.gold, label: 'state.BLOCK', finished: true },
  WAIT_TO_RUN: { color: C.geekblue, label: 'state.WAIT_TO_RUN', finished: false, active: true },
  FAILOVER: { color: C.volcano, label: 'state.FAILOVER', finished: false, active: true },
};

export const TASK_STATES: Record<NodeStatus, StateMeta> = {
  SUBMITTED_SUCCESS: { color: C.geekblue, label: 'state.SUBMITTED_SUCCESS', finished: false, active: true },
  DISPATCH: { color: C.geekblue, label: 'state.DISPATCH', finished: false, active: true },
  RUNNING_EXECUTION: { color: C.blue, label: 'state.RUNNING_EXECUTION', finished: false, active: true },
  DELAY_EXECUTION: { color: C.purple, label: 'state.DELAY_EXECUTION', finished: false, active: true },
  PAUSE: { color: C.gold, label: 'state.PAUSE', finished: true },
  FAILURE: { color: C.red, label: 'state.FAILURE', finished: true },
  SUCCESS: { color: C.green, label: 'state.SUCCESS', finished: true },
  FORCED_SUCCESS: { color: C.cyan, label: 'state.FORCED_SUCCESS', finished: true },
  NEED_FAULT_TOLERANCE: { color: C.volcano, label: 'state.NEED_FAULT_TOLERANCE', finished: true },
  KILL: { color: C.orange, label: 'state.KILL', finished: true },
  SKIPPED: { color: C.lightGrey, label: 'state.SKIPPED', finished: true },
  PENDING: { color: C.lightGrey, label: 'state.PENDING', finished: false },
  NOT_RUN: { color: C.grey, label: 'state.NOT_RUN', finished: true },
  FORBIDDEN: { color: C.lightGrey, label: 'state.FORBIDDEN', finished: true },
};

const FALLBACK: StateMeta = { color: C.grey, label: 'state.UNKNOWN', finished: true };

export function workflowStateMeta(state: string | null | undefined): StateMeta {
  return (state && WORKFLOW_STATES[state as WorkflowState]) || FALLBACK;
}

export function taskStateMeta(state: string | null | undefined): StateMeta {
  return (state && TASK_STATES[state as NodeStatus]) || FALLBACK;
}

export function isWorkflowFinished(state: string | null | undefined): boolean {
  return workflowStateMeta(state).finished;
}

export function isTaskFinished(state: string | null | undefined): boolean {
  return taskStateMeta(state).finished;
}

/** States offered in the instance-list filter, in the order DolphinScheduler lists them. */
export const WORKFLOW_FILTER_STATES: WorkflowState[] = [
  'SUBMITTED_SUCCESS',
  'RUNNING_EXECUTION',
  'READY_PAUSE',
  'PAUSE',
  'READY_STOP',
  'STOP',
  'FAILURE',
  'SUCCESS',
  'DELAY_EXECUTION',
  'SERIAL_WAIT',
];

export const TASK_FILTER_STATES: TaskState[] = [
  'SUBMITTED_SUCCESS',
  'DISPATCH',
  'RUNNING_EXECUTION',
  'DELAY_EXECUTION',
  'PAUSE',
  'FAILURE',
  'SUCCESS',
  'FORCED_SUCCESS',
  'NEED_FAULT_TOLERANCE',
  'KILL',
  'SKIPPED',
];

/** Which instance actions make sense in a given workflow state (mirrors the server's checks). */
export function allowedInstanceActions(state: string) {
  return {
    stop: state === 'RUNNING_EXECUTION' || state === 'READY_PAUSE' || state === 'SUBMITTED_SUCCESS',
    pause: state === 'RUNNING_EXECUTION',
    resume: state === 'PAUSE' || state === 'STOP',
    rerun: isWorkflowFinished(state),
    recoverFailed: state === 'FAILURE',
    remove: isWorkflowFinished(state),
  };
}

export function canForceSuccess(state: string): boolean {
  return state === 'FAILURE' || state === 'KILL' || state === 'NEED_FAULT_TOLERANCE';
}
