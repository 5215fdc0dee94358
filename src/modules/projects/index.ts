import './projects.tables.js';

export type { ProjectsTables } from './projects.tables.js';
export { projectsModule } from './projects.module.js';
/** Events other modules may subscribe to (Automation, Strategy). */
export { milestoneReached, projectStatusChanged, taskCompleted, timesheetApproved } from './projects.events.js';
/** Metrics for Strategy. */
export { budgetBurn, hoursLogged, onTimeMilestoneRate } from './metrics.js';
/** For other modules: which project ids exist, and whether they are archived. */
export { projectsExist, type ProjectRef } from './project/project-lookup.repository.js';
/** For Strategy's milestone key results: milestones by id, reached or not. */
export { milestonesById, type MilestoneRef } from './milestone-lookup.js';
/** For Analytics (the dataset declared in projects.datasets.ts): the rows the caller may see. */
export { timeEntryDatasetSource } from './projects.datasets.source.js';
/** For the Automation demo (a project for kick-off tasks) and its test. */
export { createProject, listProjects } from './project/project.service.js';
export { CreateProjectBody, ProjectListQuery } from './project/project.schemas.js';
