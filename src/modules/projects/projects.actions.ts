import { defineAction } from '../../platform/modules/action.js';

/**
 * What Automation's flows may do in Projects (docs/adr/0016): each runs as the flow's run-as user
 * through the Projects service, so membership, validation and audit are the same as through the API.
 */
export const projectsActions = [
  defineAction({
    key: 'projects.create-task',
    label: 'Create a project task',
    description: "A task in a project the run-as user may work in (the workflow's first status by default).",
    input: async () => (await import('./tasks/tasks.schemas.js')).CreateTaskBody,
    permission: 'projects:write',
    load: async () => {
      const { createTask } = await import('./tasks/tasks.service.js');
      return async (trx, { input, actor, idempotencyKey }) => {
        const task = await createTask(trx, { actor, requestId: `automation:${idempotencyKey}` }, input);
        return { id: task.id, number: task.number, title: task.title, projectId: task.projectId };
      };
    },
  }),
];
