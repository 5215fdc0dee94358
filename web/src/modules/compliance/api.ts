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
export type Evidence = Schema<'ComplianceEvidence'>;
export type Collector = Schema<'ComplianceCollector'>;
export type Asset = Schema<'ComplianceAsset'>;
export type AssetKind = Asset['kind'];
export type Assessment = Schema<'ComplianceAssessment'>;
export type AssessmentResult = Schema<'ComplianceAssessmentResult'>;
export type ResultStatus = AssessmentResult['status'];
export type Finding = Schema<'ComplianceFinding'>;
export type Severity = Finding['severity'];
export type Policy = Schema<'CompliancePolicy'>;
export type PolicyVersion = Schema<'CompliancePolicyVersion'>;
export type NotAcknowledgedReport = Schema<'CompliancePolicyNotAcknowledged'>;

export const RESULT_STATUS_LABELS: Record<ResultStatus, string> = {
  'not-assessed': 'Not assessed',
  compliant: 'Compliant',
  'partially-compliant': 'Partially compliant',
  'non-compliant': 'Non-compliant',
  'not-applicable': 'Not applicable',
};
export const RESULT_STATUSES = Object.keys(RESULT_STATUS_LABELS) as ResultStatus[];

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
export const FINDING_STATUS_LABELS: Record<Finding['status'], string> = {
  open: 'Open',
  'in-remediation': 'In remediation',
  closed: 'Closed',
};
export const ASSET_KIND_LABELS: Record<AssetKind, string> = {
  information: 'Information',
  system: 'System',
  service: 'Service',
  process: 'Process',
  people: 'People',
  facility: 'Facility',
};
export const TREATMENT_LABELS: Record<NonNullable<Risk['treatment']>, string> = {
  mitigate: 'Mitigate',
  accept: 'Accept',
  transfer: 'Transfer',
  avoid: 'Avoid',
};

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
  evidence: (controlId: string) => ['compliance', 'control', controlId, 'evidence'] as const,
  collectors: ['compliance', 'collectors'] as const,
  assessment: (id: string) => ['compliance', 'assessment', id] as const,
  results: (id: string) => ['compliance', 'assessment', id, 'results'] as const,
  findings: (assessmentId: string) => ['compliance', 'assessment', assessmentId, 'findings'] as const,
  policy: (id: string) => ['compliance', 'policy', id] as const,
  policies: ['compliance', 'policies', 'all'] as const,
  risks: ['compliance', 'risks'] as const,
  assets: ['compliance', 'assets', 'all'] as const,
  frameworks: ['compliance', 'frameworks', 'all'] as const,
};

/** Every page of a cursor-paginated list (bounded), for pickers and workspaces. */
export async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>,
  maxPages = 25,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}

/** Every policy (for pickers and names). */
export function usePolicies() {
  return useQuery({
    queryKey: complianceKeys.policies,
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/compliance/policies', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        ),
      ),
    staleTime: 30_000,
  });
}

/** Every asset (for pickers and names). */
export function useAssets() {
  return useQuery({
    queryKey: complianceKeys.assets,
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/compliance/assets', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        ),
      ),
  });
}

/** Every framework version (for pickers). */
export function useFrameworks() {
  return useQuery({
    queryKey: complianceKeys.frameworks,
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/compliance/frameworks', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        ),
      ),
    staleTime: 60_000,
  });
}

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
