import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../../api';
import { useAuth } from '../../../components';

export type Organization = Schema<'Organization'>;
export type Contact = Schema<'Contact'>;
export type Lead = Schema<'Lead'>;
export type Opportunity = Schema<'Opportunity'>;
export type Pipeline = Schema<'Pipeline'>;
export type Stage = Schema<'Stage'>;
export type Activity = Schema<'Activity'>;
export type TimelineItem = Schema<'TimelineItem'>;
export type Board = Schema<'PipelineBoard'>;
export type BoardStage = Board['stages'][number];
export type TimelineKind = 'organizations' | 'contacts' | 'leads' | 'opportunities';

/** Query keys (lists use DataTable's `listQueryKey(id)` with these ids). */
export const crmKeys = {
  organizations: 'crm-organizations',
  contacts: 'crm-contacts',
  leads: 'crm-leads',
  opportunities: 'crm-opportunities',
  organization: (id: string) => ['crm', 'organization', id] as const,
  contact: (id: string) => ['crm', 'contact', id] as const,
  lead: (id: string) => ['crm', 'lead', id] as const,
  opportunity: (id: string) => ['crm', 'opportunity', id] as const,
  stageHistory: (id: string) => ['crm', 'opportunity', id, 'stage-history'] as const,
  timeline: (kind: TimelineKind, id: string) => ['crm', 'timeline', kind, id] as const,
  pipelines: ['crm', 'pipelines'] as const,
  board: (pipelineId: string, ownerId: string) => ['crm', 'board', pipelineId, ownerId] as const,
  forecast: (pipelineId: string, ownerId: string) => ['crm', 'forecast', pipelineId, ownerId] as const,
  users: ['crm', 'users'] as const,
  teams: ['crm', 'teams'] as const,
};

/** The company's base currency, which new opportunities start in (readable with crm:read). */
export function useCrmSettings() {
  return useQuery({
    queryKey: ['crm', 'settings'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/crm/settings')),
    staleTime: 10 * 60_000,
  });
}

export function usePipelines() {
  return useQuery({
    queryKey: crmKeys.pipelines,
    queryFn: () => unwrap(api.GET('/api/v1/crm/pipelines')),
    staleTime: 5 * 60_000,
  });
}

/** The pipeline to show: `id` when given and known, else the default one. */
export function pickPipeline(pipelines: readonly Pipeline[] | undefined, id?: string): Pipeline | undefined {
  return pipelines?.find((p) => p.id === id) ?? pipelines?.find((p) => p.isDefault) ?? pipelines?.[0];
}

export function stageName(pipelines: readonly Pipeline[] | undefined, stageId: string | null): string {
  if (!stageId) return '—';
  for (const p of pipelines ?? []) for (const s of p.stages) if (s.id === stageId) return s.name;
  return 'Unknown stage';
}

/**
 * The users records can be given to (the owner pickers and filters). Records themselves carry
 * `ownerName`; the user directory (`/auth/users`) needs auth:read: without it only you and the
 * members of your teams (named by `/crm/teams`) are offered.
 */
export function useUserDirectory(): { names: Map<string, string>; ownerOptions: { value: string; label: string }[] } {
  const { user, can } = useAuth();
  const canList = can('auth:read');
  const users = useQuery({
    queryKey: crmKeys.users,
    queryFn: () => unwrap(api.GET('/api/v1/auth/users', { params: { query: { limit: 200, status: 'active' } } })),
    enabled: canList,
    staleTime: 5 * 60_000,
  });
  const teams = useQuery({
    queryKey: crmKeys.teams,
    queryFn: () => unwrap(api.GET('/api/v1/crm/teams')),
    staleTime: 5 * 60_000,
  });
  const names = new Map<string, string>();
  for (const u of users.data?.items ?? []) names.set(u.id, u.name);
  names.set(user.id, user.name);
  const ids = new Set<string>([user.id]);
  if (canList) for (const u of users.data?.items ?? []) ids.add(u.id);
  for (const t of teams.data?.items ?? [])
    for (const m of t.members) {
      ids.add(m.userId);
      if (m.name && !names.has(m.userId)) names.set(m.userId, m.name);
    }
  const ownerOptions = [...ids]
    .map((id) => ({
      value: id,
      label: id === user.id ? `${user.name} (you)` : (names.get(id) ?? 'Unknown user'),
    }))
    .sort((a, b) => (a.value === user.id ? -1 : b.value === user.id ? 1 : a.label.localeCompare(b.label)));
  return { names, ownerOptions };
}

/** A user's name as the API answered it (`ownerName`, `actorName`, …). */
export function OwnerName({ name }: { name: string | null | undefined }) {
  return name ? <>{name}</> : <span className="muted">Unknown user</span>;
}

/** An organization's name (cached per id), for records that only carry `organizationId`. */
export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: crmKeys.organization(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/crm/organizations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
