import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api';
import { useAuth } from '../../components';

// Compliance is served by the containerizedApi; its routes are in web/src/api/schema.d.ts all the same.

export type Framework = Schema<'ComplianceFramework'>;
export type Requirement = Schema<'ComplianceRequirement'>;
export type Control = Schema<'ComplianceControl'>;
export type ControlHealth = Schema<'ComplianceControlHealth'>;
export type ControlStatus = Control['status'];
export type RiskRating = Schema<'ComplianceRiskRating'>;
/** A risk as the API sends it: the generated type renders the nullable residual rating as an intersection. */
export type Risk = Omit<Schema<'ComplianceRisk'>, 'residual'> & { residual: RiskRating | null };
export type HeatMap = Schema<'ComplianceRiskHeatMap'>;

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  implemented: 'Implemented',
  'not-implemented': 'Not implemented',
  retired: 'Retired',
};
export const CONTROL_STATUS_OPTIONS = (Object.keys(CONTROL_STATUS_LABELS) as ControlStatus[]).map((value) => ({
  value,
  label: CONTROL_STATUS_LABELS[value],
}));

export const HEALTH_LABELS: Record<ControlHealth['status'], string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export const complianceKeys = {
  all: ['compliance'] as const,
  control: (id: string) => ['compliance', 'control', id] as const,
  framework: (id: string) => ['compliance', 'framework', id] as const,
  requirements: (frameworkId: string) => ['compliance', 'framework', frameworkId, 'requirements'] as const,
  requirement: (id: string) => ['compliance', 'requirement', id] as const,
  users: ['compliance', 'users'] as const,
};

export function useControl(id: string | undefined) {
  return useQuery({
    queryKey: complianceKeys.control(id ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/controls/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

/** Every requirement of a framework in tree order (all pages). */
export function useRequirements(frameworkId: string) {
  return useQuery({
    queryKey: complianceKeys.requirements(frameworkId),
    queryFn: async ({ signal }) => {
      const all: Requirement[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 50; i++) {
        const page = await unwrap(
          api.GET('/api/v1/compliance/frameworks/{id}/requirements', {
            params: { path: { id: frameworkId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        );
        all.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return all;
    },
  });
}

export function useRequirement(id: string) {
  return useQuery({
    queryKey: complianceKeys.requirement(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/requirements/{id}', { params: { path: { id } }, signal })),
    staleTime: 60_000,
  });
}

/** Active users by id (when the signed-in user may list them), for owners; the signed-in user always. */
export function useUsers() {
  const { user } = useAuth();
  const users = useQuery({
    queryKey: complianceKeys.users,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/auth/users', { params: { query: { limit: 200, status: 'active' } }, signal })),
    retry: false,
    staleTime: 60_000,
  });
  const names = new Map<string, string>([[user.id, user.name]]);
  for (const u of users.data?.items ?? []) names.set(u.id, u.name);
  return names;
}
