import './crm.tables.js';

export type { CrmTables } from './crm.tables.js';
export { crmModule } from './crm.module.js';
/** For other modules' links to an organization (Finance parties): which ids exist. */
export { existingOrganizationIds } from './organizations/organizations.repository.js';
/** For other modules (supply's quotations): read an opportunity they link to; its amount follows their total. */
export {
  findOpportunityLink,
  followOpportunityAmount,
  type FollowOutcome,
  type OpportunityLink,
} from './pipeline/opportunities.links.js';
/** Metrics for Strategy. */
export { newLeads, pipelineValue, winRate, wonAmount } from './metrics.js';
/** For Analytics (the dataset declared in crm.datasets.ts): the rows the caller may see. */
export { activityDatasetSource, opportunityDatasetSource } from './crm.datasets.source.js';
