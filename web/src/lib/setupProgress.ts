// The newcomer checklist: what a fresh installation still needs before a workflow can run
// (a tenant, that tenant bound to the user, a project, a workflow in it).
export interface SetupFacts {
  isAdmin: boolean;
  tenantCount: number | null; // null when the user may not list tenants
  userTenantId: number;
  projectCount: number;
  workflowCount: number;
}

export type StepId = 'tenant' | 'bind' | 'project' | 'workflow';

export interface SetupStep {
  id: StepId;
  done: boolean;
}

export function setupSteps(facts: SetupFacts): SetupStep[] {
  const bound = facts.userTenantId > 0;
  const tenantExists = bound || (facts.tenantCount ?? 0) > 0;
  return [
    { id: 'tenant', done: tenantExists },
    { id: 'bind', done: bound },
    { id: 'project', done: facts.projectCount > 0 },
    { id: 'workflow', done: facts.workflowCount > 0 },
  ];
}

export function isSetupComplete(facts: SetupFacts): boolean {
  return setupSteps(facts).every((step) => step.done);
}

/** Index of the first step still to do, or -1 when everything is done. */
export function currentStep(steps: SetupStep[]): number {
  return steps.findIndex((step) => !step.done);
}
