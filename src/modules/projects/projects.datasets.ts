import { defineDataset } from '../../platform/modules/dataset.js';

/**
 * Projects' datasets for Analytics. Only the description lives here (the manifest loads it eagerly);
 * the rows come from `timeEntryDatasetSource` (index.ts), which applies the time list's own rule:
 * a member sees their own hours, a project manager every entry of their projects.
 */
export const projectsDatasets = [
  defineDataset({
    key: 'projects.time-entries',
    label: 'Time entries',
    description:
      'Hours logged on projects you may see (your own; every entry of the projects you manage), billable amounts and cost.',
    permission: 'projects:read',
    defaultTimeField: 'date',
    fields: [
      { name: 'projectCode', label: 'Project code', type: 'string' },
      { name: 'project', label: 'Project', type: 'string' },
      { name: 'taskKey', label: 'Task', type: 'string' },
      { name: 'userId', label: 'Person', type: 'string' },
      { name: 'date', label: 'Date', type: 'date' },
      { name: 'hours', label: 'Hours', type: 'number' },
      { name: 'billable', label: 'Billable', type: 'boolean' },
      { name: 'invoiced', label: 'Invoiced', type: 'boolean' },
      { name: 'currency', label: 'Currency', type: 'string', description: "The project's currency" },
      {
        name: 'billableAmount',
        label: 'Billable amount',
        type: 'money',
        currency: 'currency',
        description: 'Hours × billing rate, for billable entries',
      },
      { name: 'cost', label: 'Cost', type: 'money', currency: 'currency', description: 'Hours × cost rate' },
    ],
    measures: [
      { name: 'entries', label: 'Entries', aggregation: 'count' },
      { name: 'totalHours', label: 'Hours', aggregation: 'sum', field: 'hours' },
      { name: 'totalBillable', label: 'Billable amount', aggregation: 'sum', field: 'billableAmount' },
      { name: 'totalCost', label: 'Cost', aggregation: 'sum', field: 'cost' },
      { name: 'people', label: 'People', aggregation: 'countDistinct', field: 'userId' },
    ],
    source: async () => (await import('./index.js')).timeEntryDatasetSource,
  }),
];
