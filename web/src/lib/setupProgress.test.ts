import { describe, expect, it } from 'vitest';
import { currentStep, isSetupComplete, setupSteps } from './setupProgress';

const fresh = { isAdmin: true, tenantCount: 0, userTenantId: 0, projectCount: 0, workflowCount: 0 };

describe('setupSteps', () => {
  it('starts a fresh installation at "create a tenant"', () => {
    const steps = setupSteps(fresh);
    expect(steps.map((s) => s.done)).toEqual([false, false, false, false]);
    expect(currentStep(steps)).toBe(0);
    expect(isSetupComplete(fresh)).toBe(false);
  });

  it('moves to binding once a tenant exists, and counts a bound tenant as existing', () => {
    expect(currentStep(setupSteps({ ...fresh, tenantCount: 1 }))).toBe(1);
    expect(setupSteps({ ...fresh, tenantCount: null, userTenantId: 3 })[0].done).toBe(true);
  });

  it('is complete with a bound tenant, a project and a workflow', () => {
    const done = { ...fresh, tenantCount: 1, userTenantId: 1, projectCount: 1, workflowCount: 2 };
    expect(isSetupComplete(done)).toBe(true);
    expect(currentStep(setupSteps(done))).toBe(-1);
    expect(currentStep(setupSteps({ ...done, workflowCount: 0 }))).toBe(3);
  });
});
