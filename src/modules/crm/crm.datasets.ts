import { defineDataset } from '../../platform/modules/dataset.js';

/**
 * CRM's datasets for Analytics. Only the description lives here (the manifest loads it eagerly);
 * the rows come from `opportunityDatasetSource` (index.ts), which applies the CRM list's own
 * visibility rule (`visibleTo`): a rep's analytics see exactly the opportunities they could open.
 */
export const crmDatasets = [
  defineDataset({
    key: 'crm.opportunities',
    label: 'Opportunities',
    description: 'Every opportunity you may see, with its pipeline, stage, owner, amount and dates.',
    permission: 'crm:read',
    defaultTimeField: 'expectedCloseDate',
    fields: [
      { name: 'name', label: 'Name', type: 'string' },
      { name: 'pipeline', label: 'Pipeline', type: 'string' },
      { name: 'stage', label: 'Stage', type: 'string' },
      { name: 'stagePosition', label: 'Stage position', type: 'number' },
      { name: 'status', label: 'Status', type: 'string', description: 'open, won or lost' },
      { name: 'ownerId', label: 'Owner', type: 'string' },
      { name: 'organizationId', label: 'Organization', type: 'string' },
      { name: 'amount', label: 'Amount', type: 'money', currency: 'currency' },
      {
        name: 'weightedAmount',
        label: 'Weighted amount',
        type: 'money',
        currency: 'currency',
        description: 'Amount × probability',
      },
      { name: 'currency', label: 'Currency', type: 'string' },
      { name: 'probability', label: 'Probability (%)', type: 'number' },
      { name: 'expectedCloseDate', label: 'Expected close date', type: 'date' },
      { name: 'closedDate', label: 'Closed on', type: 'date' },
      { name: 'createdDate', label: 'Created on', type: 'date' },
    ],
    measures: [
      { name: 'count', label: 'Opportunities', aggregation: 'count' },
      { name: 'totalAmount', label: 'Amount', aggregation: 'sum', field: 'amount' },
      { name: 'averageAmount', label: 'Average amount', aggregation: 'avg', field: 'amount' },
      { name: 'weightedTotal', label: 'Weighted amount', aggregation: 'sum', field: 'weightedAmount' },
      { name: 'owners', label: 'Owners', aggregation: 'countDistinct', field: 'ownerId' },
    ],
    source: async () => (await import('./index.js')).opportunityDatasetSource,
  }),
  defineDataset({
    key: 'crm.activities',
    label: 'Activities',
    description: 'Every call, meeting, email, note and task you may see (the CRM activity list), by owner and date.',
    permission: 'crm:read',
    defaultTimeField: 'createdDate',
    fields: [
      { name: 'type', label: 'Type', type: 'string', description: 'call, meeting, email, note or task' },
      { name: 'subject', label: 'Subject', type: 'string' },
      { name: 'ownerId', label: 'Owner', type: 'string' },
      { name: 'organizationId', label: 'Organization', type: 'string' },
      { name: 'opportunityId', label: 'Opportunity', type: 'string' },
      { name: 'completed', label: 'Completed', type: 'boolean' },
      { name: 'dueDate', label: 'Due on', type: 'date' },
      { name: 'completedDate', label: 'Completed on', type: 'date' },
      { name: 'createdDate', label: 'Created on', type: 'date' },
    ],
    measures: [
      { name: 'activities', label: 'Activities', aggregation: 'count' },
      { name: 'owners', label: 'Owners', aggregation: 'countDistinct', field: 'ownerId' },
      { name: 'organizations', label: 'Organizations', aggregation: 'countDistinct', field: 'organizationId' },
    ],
    source: async () => (await import('./index.js')).activityDatasetSource,
  }),
];
