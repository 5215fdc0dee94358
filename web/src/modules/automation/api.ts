import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api';

// Automation is served by the containerizedApi; its routes are in web/src/api/schema.d.ts all the same.

export type Flow = Schema<'AutomationFlow'>;
export type FlowDetail = Schema<'AutomationFlowDetail'>;
export type Execution = Schema<'AutomationExecution'>;
export type ExecutionDetail = Schema<'AutomationExecutionDetail'>;
export type ExecutionStep = Schema<'AutomationExecutionStep'>;
export type Approval = Schema<'AutomationApproval'>;
export type ExecutionStatus = Execution['status'];

export const STATUS_LABELS: Record<ExecutionStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as ExecutionStatus[]).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

/** Query keys. `approvals` is also the nav badge's key (index.ts): invalidate it after a decision. */
export const autoKeys = {
  all: ['automation'] as const,
  actions: ['automation', 'actions'] as const,
  flow: (id: string) => ['automation', 'flow', id] as const,
  version: (id: string, version: number) => ['automation', 'flow', id, 'version', version] as const,
  lastRun: (flowId: string) => ['automation', 'last-run', flowId] as const,
  execution: (id: string) => ['automation', 'execution', id] as const,
  approvals: ['automation', 'approvals'] as const,
};

export function useActions() {
  return useQuery({
    queryKey: autoKeys.actions,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/automation/actions', { signal })),
    staleTime: 10 * 60_000,
  });
}

export function useFlow(id: string | undefined) {
  return useQuery({
    queryKey: autoKeys.flow(id ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/automation/flows/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export function useFlowVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: autoKeys.version(id, version ?? 0),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/automation/flows/{id}/versions/{version}', {
          params: { path: { id, version: version ?? 0 } },
          signal,
        }),
      ),
    enabled: version !== null,
    staleTime: Infinity, // versions never change
  });
}

/** A flow's latest run (one row of the run history). */
export function useLastRun(flowId: string) {
  return useQuery({
    queryKey: autoKeys.lastRun(flowId),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/automation/executions', { params: { query: { flowId, limit: 1 } }, signal })))
        .items[0] ?? null,
  });
}

/** A run with its steps; asked for again every 2 s while it runs, every 15 s while it waits. */
export function useExecution(id: string) {
  return useQuery({
    queryKey: autoKeys.execution(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/automation/executions/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'running' ? 2_000 : status === 'waiting' ? 15_000 : false;
    },
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}

export function useInbox() {
  return useQuery({
    queryKey: [...autoKeys.approvals, 'inbox'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/automation/approvals', { params: { query: { limit: 200 } }, signal })),
    refetchOnWindowFocus: true,
  });
}

/** Flow names by id (the first 200 flows by name), for run lists, which carry only the flow's id. */
export function useFlowNames() {
  return useQuery({
    queryKey: ['automation', 'flow-names'],
    queryFn: async ({ signal }) => {
      const page = await unwrap(
        api.GET('/api/v1/automation/flows', { params: { query: { limit: 200, sort: 'name' } }, signal }),
      );
      return new Map(page.items.map((f) => [f.id, f.name]));
    },
    staleTime: 60_000,
  });
}

export const credentialKeys = { list: ['automation', 'credentials'] as const };

/** The vault's credentials (name, type, masked hint), for pickers; needs automation:write. */
export function useCredentials(enabled = true) {
  return useQuery({
    queryKey: credentialKeys.list,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/automation/credentials', { signal })),
    enabled,
    retry: false,
  });
}
