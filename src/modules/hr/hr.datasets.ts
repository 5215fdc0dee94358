import { defineDataset } from '../../platform/modules/dataset.js';

/**
 * HR's datasets for Analytics. Only the description lives here (the manifest loads it eagerly);
 * the rows come from `employeeDatasetSource` (index.ts), which applies HR's privacy rules: the
 * directory card (department, position, location, status) for everyone with `hr:read`, the job
 * data (start and end dates, employment type) only where the caller sees the employee in full.
 */
export const hrDatasets = [
  defineDataset({
    key: 'hr.employees',
    label: 'Employees',
    description:
      'Headcount by department, position, location and status; start and end dates only for the people you see in full.',
    permission: 'hr:read',
    defaultTimeField: 'startDate',
    fields: [
      { name: 'employeeId', label: 'Employee', type: 'string' },
      { name: 'department', label: 'Department', type: 'string' },
      { name: 'position', label: 'Position', type: 'string' },
      { name: 'location', label: 'Location', type: 'string' },
      { name: 'status', label: 'Status', type: 'string', description: 'active or terminated' },
      {
        name: 'employmentType',
        label: 'Employment type',
        type: 'string',
        description: 'Only where you see the employee in full',
      },
      { name: 'startDate', label: 'Start date', type: 'date', description: 'Only where you see the employee in full' },
      { name: 'endDate', label: 'End date', type: 'date', description: 'Only where you see the employee in full' },
    ],
    measures: [
      { name: 'headcount', label: 'Headcount', aggregation: 'count' },
      { name: 'departments', label: 'Departments', aggregation: 'countDistinct', field: 'department' },
    ],
    source: async () => (await import('./index.js')).employeeDatasetSource,
  }),
  defineDataset({
    key: 'hr.leave-requests',
    label: 'Leave requests',
    description:
      'Leave requests of the people you see in full (yourself, your reports; everyone for HR administrators): type, status, dates and days.',
    permission: 'hr:read',
    defaultTimeField: 'startDate',
    fields: [
      { name: 'employeeId', label: 'Employee', type: 'string' },
      { name: 'department', label: 'Department', type: 'string' },
      { name: 'leaveType', label: 'Leave type', type: 'string' },
      { name: 'paid', label: 'Paid leave', type: 'boolean' },
      {
        name: 'status',
        label: 'Status',
        type: 'string',
        description: 'draft, submitted, approved, rejected or cancelled',
      },
      { name: 'startDate', label: 'First day', type: 'date' },
      { name: 'endDate', label: 'Last day', type: 'date' },
      { name: 'days', label: 'Days', type: 'number', description: 'Working days taken' },
      { name: 'submittedDate', label: 'Submitted on', type: 'date' },
    ],
    measures: [
      { name: 'requests', label: 'Requests', aggregation: 'count' },
      { name: 'totalDays', label: 'Days', aggregation: 'sum', field: 'days' },
      { name: 'employees', label: 'Employees', aggregation: 'countDistinct', field: 'employeeId' },
    ],
    source: async () => (await import('./index.js')).leaveRequestDatasetSource,
  }),
];
