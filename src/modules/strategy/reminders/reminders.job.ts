import { isoTimestamp } from '../../../platform/dates.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { JobHandler } from '../../../platform/jobs/job-registry.js';
import { sendMail } from '../../../platform/mail/send-mail.js';
import { notify } from '../../../platform/notifications/notify.js';
import { usersHolding } from '../../auth/index.js';
import { checkInDue } from '../strategy.mail.js';
import { dueCheckIns, recordReminders, type DueCheckIn } from './reminders.repository.js';

/** The Monday (UTC) of the week `at` falls in: the key of a due week. */
export function weekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/**
 * Check-in reminders (weekly): each owner of key results whose check-in is due is told in the app
 * (one notification per key result, leading to its objective) and by one mail listing them. A key
 * result is reminded once per due week: the reminder row's unique (key result, week) makes a second
 * run send nothing. One transaction per owner: the reminder rows, notifications and mail job commit
 * together. `asOf` (an ISO time) stands in for now, for a catch-up run and in tests.
 */
export const runCheckInReminders: JobHandler<{ asOf?: string | undefined }> = async (payload, ctx) => {
  const now = payload.asOf ? new Date(payload.asOf) : new Date();
  const week = weekOf(now);
  const due = await dueCheckIns(ctx.db, now, isoTimestamp(now).slice(0, 10));
  const byOwner = new Map<string, DueCheckIn[]>();
  for (const d of due) byOwner.set(d.owner_id, [...(byOwner.get(d.owner_id) ?? []), d]);
  // Owners who can still check in (active, holding strategy:write), with their address.
  const people = new Map(
    (await usersHolding(ctx.db, ['strategy:write'])).filter((u) => byOwner.has(u.id)).map((u) => [u.id, u]),
  );
  let reminded = 0;
  for (const [ownerId, items] of byOwner) {
    const person = people.get(ownerId);
    if (!person) continue;
    reminded += await inTransaction(ctx.db, async (trx) => {
      const fresh = await recordReminders(
        trx,
        week,
        items.map((i) => ({ keyResultId: i.key_result_id, ownerId })),
      );
      const told = items.filter((i) => fresh.has(i.key_result_id));
      if (told.length === 0) return 0;
      for (const i of told)
        await notify(trx, [ownerId], {
          kind: 'strategy.check-in-due',
          title: `Check-in due: ${i.key_result_title}`,
          body: `${i.objective_title} (${i.cycle_name}): ${i.last_check_in ? `last check-in ${isoTimestamp(i.last_check_in).slice(0, 10)}` : 'no check-in yet'}`,
          link: `/strategy/objectives/${i.objective_id}`,
          dedupeKey: `strategy.check-in:${i.key_result_id}:${week}`,
        });
      await sendMail(trx, {
        template: checkInDue,
        data: {
          recipientName: person.name,
          keyResults: told.map((i) => ({
            cycle: i.cycle_name,
            objective: i.objective_title,
            keyResult: i.key_result_title,
            lastCheckIn: i.last_check_in ? isoTimestamp(i.last_check_in).slice(0, 10) : null,
          })),
        },
        to: [{ address: person.email, name: person.name }],
        createdBy: null,
      });
      return told.length;
    });
  }
  return { result: { week, due: due.length, reminded } };
};
