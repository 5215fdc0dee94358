import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../http/pagination.js';
import { createRouter, defineRoute, json, reply, requestContext } from '../http/router.js';
import { IdParam } from '../http/schemas.js';
import { listNotifications, markAllRead, markRead, unreadCount } from './notifications.service.js';

const tags = ['notifications'];

const NotificationView = z
  .object({
    id: z.uuid(),
    kind: z.string().openapi({ example: 'hr.leave-approval-requested' }),
    title: z.string(),
    body: z.string().nullable(),
    link: z.string().nullable().openapi({ description: 'Where it leads in the web app, e.g. /hr/approvals' }),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .openapi('Notification');
const NotificationPage = pageSchema(NotificationView).openapi('NotificationPage');
const NotificationQuery = listQuery(['createdAt'], '-createdAt').extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Only unread ones (true)' }),
});
const UnreadCount = z.object({ unread: z.number().int() }).openapi('NotificationUnreadCount');
const Marked = z.object({ marked: z.number().int() }).openapi('NotificationsMarked');

/** Your in-app notifications, mounted at /api/v1/notifications: everyone signed in has their own. */
export function createNotificationsRouter() {
  const router = createRouter();
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/',
      tags,
      summary: 'Your notifications, newest first (unread=true for the unread ones)',
      request: { query: NotificationQuery },
      responses: { 200: { description: 'A page of notifications', ...json(NotificationPage) } },
    }),
    async (c) =>
      reply(c, NotificationPage, await listNotifications(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/unread-count',
      tags,
      summary: 'How many of your notifications are unread',
      responses: { 200: { description: 'The count', ...json(UnreadCount) } },
    }),
    async (c) => reply(c, UnreadCount, await unreadCount(c.get('db'), requestContext(c))),
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/{id}/read',
      tags,
      summary: 'Mark one of your notifications read',
      request: { params: IdParam },
      responses: {
        200: { description: 'The notification', ...json(NotificationView) },
        404: { description: 'No such notification of yours' },
      },
    }),
    async (c) => reply(c, NotificationView, await markRead(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/read-all',
      tags,
      summary: 'Mark all your notifications read',
      responses: { 200: { description: 'How many were unread', ...json(Marked) } },
    }),
    async (c) => reply(c, Marked, await markAllRead(c.get('db'), requestContext(c))),
  );
  return router;
}
