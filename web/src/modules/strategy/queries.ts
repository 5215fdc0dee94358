import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api';
import { useAuth } from '../../components';

export type Cycle = Schema<'StrategyCycle'>;
export type Objective = Schema<'StrategyObjective'>;
export type KeyResult = Schema<'StrategyKeyResult'>;
export type Snapshot = Schema<'StrategySnapshot'>;
export type CheckIn = Schema<'StrategyCheckIn'>;
export type Metric = Schema<'StrategyMetric'>;
export type Scorecard = Schema<'StrategyScorecard'>;
export type Kpi = Schema<'StrategyKpi'>;
export type StrategyMap = Schema<'StrategyMap'>;
export type Level = Objective['level'];
export type Perspective = NonNullable<Objective['perspective']>;
export type Confidence = NonNullable<Objective['health']>;

/** Query keys of the Strategy screens. */
export const sKeys = {
  cycles: ['strategy', 'cycles'] as const,
  objectives: (cycleId: string) => ['strategy', 'objectives', cycleId] as const,
  objective: (id: string) => ['strategy', 'objective', id] as const,
  snapshots: (krId: string) => ['strategy', 'snapshots', krId] as const,
  checkIns: (krId: string) => ['strategy', 'check-ins', krId] as const,
  metrics: ['strategy', 'metrics'] as const,
  scorecard: (cycleId: string) => ['strategy', 'scorecard', cycleId] as const,
  kpi: (id: string) => ['strategy', 'kpi', id] as const,
  kpiDefinition: (id: string) => ['strategy', 'kpi-definition', id] as const,
  kpis: (cycleId: string) => ['strategy', 'kpis', cycleId] as const,
  map: (cycleId: string) => ['strategy', 'map', cycleId] as const,
};

export const CYCLE_KIND_LABELS: Record<Cycle['kind'], string> = {
  quarter: 'Quarter',
  year: 'Year',
  custom: 'Custom dates',
};

export const LEVELS: readonly Level[] = ['company', 'department', 'team', 'person'];
export const LEVEL_LABELS: Record<Level, string> = {
  company: 'Company',
  department: 'Department',
  team: 'Team',
  person: 'Person',
};
export const PERSPECTIVE_LABELS: Record<Perspective, string> = {
  financial: 'Financial',
  customer: 'Customer',
  'internal-process': 'Internal process',
  'learning-growth': 'Learning and growth',
};
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
};
export const KIND_LABELS: Record<KeyResult['kind'], string> = {
  numeric: 'Number',
  percentage: 'Percentage',
  boolean: 'Done / not done',
  metric: 'Live metric',
  milestone: 'Projects milestone',
};

export function useCycles() {
  return useQuery({
    queryKey: sKeys.cycles,
    queryFn: () => unwrap(api.GET('/api/v1/strategy/cycles', {})),
  });
}

/** The cycle to show first: the open one running today, else the latest open one, else the latest. */
export function currentCycle(cycles: readonly Cycle[]): Cycle | undefined {
  const today = new Date().toISOString().slice(0, 10);
  const open = cycles.filter((c) => c.status === 'open');
  return open.find((c) => c.startDate <= today && today <= c.endDate) ?? open[0] ?? cycles[0];
}

export function useObjectives(cycleId: string | undefined) {
  return useQuery({
    queryKey: sKeys.objectives(cycleId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/strategy/objectives', { params: { query: { cycleId: cycleId! } } })),
    enabled: Boolean(cycleId),
  });
}

export function useObjective(id: string) {
  return useQuery({
    queryKey: sKeys.objective(id),
    queryFn: () => unwrap(api.GET('/api/v1/strategy/objectives/{id}', { params: { path: { id } } })),
  });
}

export function useMetrics() {
  return useQuery({
    queryKey: sKeys.metrics,
    queryFn: () => unwrap(api.GET('/api/v1/strategy/metrics', {})),
    staleTime: 5 * 60_000,
  });
}

/** Users' names by id when the caller may list users (auth:read); otherwise an empty map. */
export function useUserNames(): Map<string, string> {
  const { can } = useAuth();
  const users = useQuery({
    queryKey: ['strategy', 'users'],
    queryFn: () => unwrap(api.GET('/api/v1/auth/users', { params: { query: { limit: 200 } } })),
    enabled: can('auth:read'),
    staleTime: 5 * 60_000,
  });
  return new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
}

/** "Ada Lovelace", "You", or the start of the id when the name is not visible to the caller. */
export function ownerName(names: Map<string, string>, ownerId: string, meId: string): string {
  if (ownerId === meId) return names.get(ownerId) ?? 'You';
  return names.get(ownerId) ?? `User ${ownerId.slice(0, 8)}`;
}

export function useKpis(cycleId: string | undefined) {
  return useQuery({
    queryKey: sKeys.kpis(cycleId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/strategy/kpis', { params: { query: { cycleId: cycleId! } } })),
    enabled: Boolean(cycleId),
  });
}

export function useStrategyMap(cycleId: string | undefined) {
  return useQuery({
    queryKey: sKeys.map(cycleId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/strategy/cycles/{id}/map', { params: { path: { id: cycleId! } } })),
    enabled: Boolean(cycleId),
  });
}
