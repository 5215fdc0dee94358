import './hr.tables.js';

export type { HrTables } from './hr.tables.js';
export { hrModule } from './hr.module.js';
/** For other modules: the hourly cost of users from their HR salary (Projects values time with it). */
export { hourlyCostRates, type HourlyCostRate } from './payroll/cost-rates.js';
/** For other modules: which department references (code or name) name an HR department. */
export { departmentsExist } from './organization/department-lookup.repository.js';
/** Metrics for Strategy. */
export { absenceRate, attrition, headcount } from './metrics.js';
/** For Analytics (the dataset declared in hr.datasets.ts): the rows the caller may see. */
export { employeeDatasetSource, leaveRequestDatasetSource } from './hr.datasets.source.js';
/** For Compliance's evidence collectors: terminated employees linked to a user account. */
export { terminatedEmployeesWithUsers, type TerminatedEmployeeRef } from './employees/terminated-lookup.js';
/** For Compliance's policy acknowledgements: active employees with their user accounts (if any). */
export { activeEmployeesWithUsers, type ActiveEmployeeRef } from './employees/active-lookup.js';
