import type { Db } from '../../../platform/db/database.js';
import { errors, type FieldError } from '../../../platform/errors/app-error.js';
import { departmentsExist } from '../../hr/index.js';
import { projectsExist } from '../../projects/index.js';

/** A document line's dimensions, as the request names them. */
export interface LineDimensions {
  department?: string | undefined;
  projectId?: string | undefined;
}

/**
 * The dimensions of a document's lines name what exists (issue #22): a `department` is an HR
 * department's code or name, a `projectId` a project that is not archived — checked through HR's and
 * Projects' public functions, never their tables. One 422 lists every offending line and field.
 */
export async function assertLineDimensions(db: Db, lines: readonly LineDimensions[]): Promise<void> {
  const departments = lines.flatMap((l) => (l.department ? [l.department] : []));
  const projectIds = lines.flatMap((l) => (l.projectId ? [l.projectId] : []));
  if (departments.length === 0 && projectIds.length === 0) return;
  const knownDepartments = await departmentsExist(db, departments);
  const projects = await projectsExist(db, projectIds);
  const problems: FieldError[] = [];
  lines.forEach((l, i) => {
    if (l.department && !knownDepartments.has(l.department))
      problems.push({
        path: `lines.${i}.department`,
        message: `Line ${i + 1}: no HR department has the code or name "${l.department}".`,
        code: 'unknown_department',
      });
    if (l.projectId) {
      const project = projects.get(l.projectId);
      if (!project)
        problems.push({
          path: `lines.${i}.projectId`,
          message: `Line ${i + 1}: no project ${l.projectId}.`,
          code: 'unknown_project',
        });
      else if (project.archived)
        problems.push({
          path: `lines.${i}.projectId`,
          message: `Line ${i + 1}: the project ${project.code} is archived.`,
          code: 'archived_project',
        });
    }
  });
  if (problems.length > 0) throw errors.validation(problems, problems.map((p) => p.message).join(' '));
}
