import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api';

export type Project = Schema<'Project'>;
export type Task = Schema<'Task'>;
export type Board = Schema<'Board'>;
export type BoardCard = Schema<'BoardCard'>;
export type Gantt = Schema<'Gantt'>;
export type Timesheet = Schema<'Timesheet'>;
export type TimeEntry = Schema<'TimeEntry'>;
export type Member = Schema<'ProjectMember'>;

/** Query keys and DataTable ids of the Projects screens. */
export const pKeys = {
  list: 'projects-list',
  project: (id: string) => ['projects', 'project', id] as const,
  members: (id: string) => ['projects', 'members', id] as const,
  progress: (id: string) => ['projects', 'progress', id] as const,
  budget: (id: string) => ['projects', 'budget', id] as const,
  invoices: (id: string) => ['projects', 'invoices', id] as const,
  board: (id: string) => ['projects', 'board', id] as const,
  gantt: (id: string) => ['projects', 'gantt', id] as const,
  task: (id: string) => ['projects', 'task', id] as const,
  approvals: 'projects-approvals',
};

export const STATUS_LABELS: Record<Project['status'], string> = {
  proposed: 'Proposed',
  active: 'Active',
  on_hold: 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
export const BILLING_LABELS: Record<Project['billingMethod'], string> = {
  non_billable: 'Non-billable',
  time_and_materials: 'Time and materials',
  fixed_price: 'Fixed price',
};

export function useProject(id: string) {
  return useQuery({
    queryKey: pKeys.project(id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects/{id}', { params: { path: { id } } })),
  });
}

export function useMembers(id: string) {
  return useQuery({
    queryKey: pKeys.members(id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects/{id}/members', { params: { path: { id } } })),
  });
}

export { addDays, daysBetween, mondayOf } from './dates';
