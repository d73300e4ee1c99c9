// REST calls only the editor makes (ds-ui-pages.md "DAG editor"): task codes for new nodes,
// create/update of a workflow with its tasks and relations, and the lists the SUB_PROCESS and
// DEPENDENT pickers offer. Shared calls (tenants, worker groups, environments, definitions)
// come from src/api/services.ts.
import { http } from '../../api/client';
import type { ProcessDefinition, Project } from '../../api/types';

const pd = (pc: number) => `/projects/${pc}/process-definition`;

export interface CodeName {
  code: number;
  name: string;
  version?: number;
}

export const editorApi = {
  genTaskCodes: (pc: number, genNum: number) =>
    http.get<number[]>(`/projects/${pc}/task-definition/gen-task-codes`, { genNum }),
  create: (pc: number, form: Record<string, string | number>) => http.post<ProcessDefinition>(pd(pc), form),
  update: (pc: number, code: number, form: Record<string, string | number>) =>
    http.put<ProcessDefinition>(`${pd(pc)}/${code}`, { ...form, releaseState: 'OFFLINE' }),
  /** workflows of a project for the SUB_PROCESS picker */
  simpleList: (pc: number) => http.get<CodeName[]>(`${pd(pc)}/simple-list`),
  /** projects the DEPENDENT picker offers */
  dependentProjects: () => http.get<Project[]>('/projects/list-dependent'),
  /** workflows of any project for the DEPENDENT picker */
  workflowsOf: (pc: number) => http.get<CodeName[]>(`${pd(pc)}/query-process-definition-list`),
  /** tasks of a workflow for the DEPENDENT picker */
  tasksOf: (pc: number, processDefinitionCode: number) =>
    http.get<CodeName[]>(`${pd(pc)}/query-task-definition-list`, { processDefinitionCode }),
};
