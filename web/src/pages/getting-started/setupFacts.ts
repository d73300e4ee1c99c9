// Loads what the newcomer checklist needs to know about this installation.
import { useQuery } from '@tanstack/react-query';
import { projectsApi, tenantsApi } from '../../api/services';
import type { User } from '../../api/types';
import { SetupFacts } from '../../lib/setupProgress';

export async function loadSetupFacts(user: User): Promise<SetupFacts> {
  const isAdmin = user.userType === 'ADMIN_USER';
  const [tenants, projects] = await Promise.all([
    isAdmin ? tenantsApi.list().catch(() => null) : Promise.resolve(null),
    projectsApi.page({ pageNo: 1, pageSize: 100 }),
  ]);
  const projectList = projects?.totalList ?? [];
  return {
    isAdmin,
    tenantCount: tenants ? tenants.length : null,
    userTenantId: Number(user.tenantId) || 0,
    projectCount: projects?.total ?? projectList.length,
    workflowCount: projectList.reduce((sum, project) => sum + (Number(project.defCount) || 0), 0),
  };
}

export function useSetupFacts(user: User | null) {
  return useQuery({
    queryKey: ['setup-facts', user?.id, user?.tenantId],
    queryFn: () => loadSetupFacts(user!),
    enabled: !!user,
  });
}

export function firstProjectCode(): Promise<number | null> {
  return projectsApi.page({ pageNo: 1, pageSize: 1 }).then((page) => page.totalList?.[0]?.code ?? null);
}
