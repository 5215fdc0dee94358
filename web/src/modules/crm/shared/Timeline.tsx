import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DateText,
  EmptyState,
  Form,
  QueryState,
  SelectField,
  Spinner,
  SubmitButton,
  TextareaField,
  TextField,
  useAuth,
  useForm,
  useToast,
  type FormState,
} from '../../../components';
import { ACTIVITY_TYPES, capitalize } from './lists';
import {
  crmKeys,
  OwnerName,
  stageName,
  usePipelines,
  type Activity,
  type TimelineItem,
  type TimelineKind,
} from './queries';

const PAGE = 20;
const ICONS: Record<Activity['type'], string> = { call: '☎', meeting: '👥', email: '✉', note: '✎', task: '☐' };
const LINK: Record<TimelineKind, 'organizationId' | 'contactId' | 'leadId' | 'opportunityId'> = {
  organizations: 'organizationId',
  contacts: 'contactId',
  leads: 'leadId',
  opportunities: 'opportunityId',
};

/**
 * A record's timeline (activities, stage changes, field changes; newest first, "Load more" pages
 * with the API's cursor), a form to log an activity or add a task, and "Complete" on open tasks.
 */
export function Timeline({ kind, id, readOnly }: { kind: TimelineKind; id: string; readOnly?: boolean }) {
  const { can } = useAuth();
  const writable = can('crm:write') && !readOnly;
  const timeline = useInfiniteQuery({
    queryKey: crmKeys.timeline(kind, id),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/crm/{kind}/{id}/timeline', {
          params: { path: { kind, id }, query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby={`timeline-${id}`}>
      <h2 id={`timeline-${id}`}>Timeline</h2>
      {writable && <AddActivity kind={kind} id={id} />}
      <QueryState query={timeline} height="6em">
        {() =>
          items.length === 0 ? (
            <EmptyState title="No activity yet" />
          ) : (
            <ol className="crm-timeline" aria-label="Timeline entries">
              {items.map((item, i) => (
                <TimelineEntry key={entryKey(item, i)} item={item} kind={kind} id={id} writable={writable} />
              ))}
            </ol>
          )
        }
      </QueryState>
      {timeline.hasNextPage && (
        <button
          type="button"
          className="btn"
          onClick={() => void timeline.fetchNextPage()}
          disabled={timeline.isFetchingNextPage}
          aria-busy={timeline.isFetchingNextPage}
        >
          {timeline.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}

function entryKey(item: TimelineItem, i: number) {
  return item.activity ? `a${item.activity.id}` : `${item.kind}${item.at}${i}`;
}

function TimelineEntry({
  item,
  kind,
  id,
  writable,
}: {
  item: TimelineItem;
  kind: TimelineKind;
  id: string;
  writable: boolean;
}) {
  const pipelines = usePipelines();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const complete = async (activity: Activity) => {
    setBusy(true);
    try {
      await unwrap(
        api.PATCH('/api/v1/crm/activities/{id}', {
          params: { path: { id: activity.id } },
          body: { version: activity.version, completed: true },
        }),
      );
      toast.success('Task completed.');
      await queryClient.invalidateQueries({ queryKey: crmKeys.timeline(kind, id) });
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  const a = item.activity;
  return (
    <li className="crm-timeline-item">
      <span className="crm-timeline-icon" aria-hidden="true">
        {a ? (a.type === 'task' && a.completedAt ? '☑' : ICONS[a.type]) : item.kind === 'stage-change' ? '➜' : '•'}
      </span>
      <div>
        {a ? (
          <>
            <strong>
              {capitalize(a.type)}: {a.subject}
            </strong>
            {a.type === 'task' && (
              <span className={a.completedAt ? 'badge badge-active' : 'badge'}>{a.completedAt ? 'done' : 'open'}</span>
            )}
            {a.body && <p className="crm-timeline-body">{a.body}</p>}
            {a.dueAt && (
              <p className="muted">
                Due <DateText value={a.dueAt} withTime />
              </p>
            )}
          </>
        ) : item.stageChange ? (
          <strong>
            Stage:{' '}
            {item.stageChange.fromStageId ? stageName(pipelines.data?.items, item.stageChange.fromStageId) : 'new'} →{' '}
            {stageName(pipelines.data?.items, item.stageChange.toStageId)}
          </strong>
        ) : item.change ? (
          <span>
            <strong>{describeAction(item.change.action)}</strong>
            {item.change.fields.length > 0 && !/created$/.test(item.change.action) && (
              <span className="muted"> · {item.change.fields.map(humanField).join(', ')}</span>
            )}
          </span>
        ) : null}
        <p className="muted crm-timeline-meta">
          <DateText value={item.at} withTime />
          {item.actorId && (
            <>
              {' '}
              · <OwnerName name={item.actorName} />
            </>
          )}
        </p>
        {a && a.type === 'task' && !a.completedAt && writable && (
          <button type="button" className="btn" onClick={() => void complete(a)} disabled={busy} aria-busy={busy}>
            {busy ? <Spinner label="Completing" /> : null} Complete “{a.subject}”
          </button>
        )}
      </div>
    </li>
  );
}

/** "opportunity.stage-changed" → "Stage changed" */
function describeAction(action: string) {
  const verb = action.split('.').at(-1) ?? action;
  return capitalize(verb.replace(/-/g, ' '));
}
/** A changed column in the user's words: `owner_id` → "owner", `contact_ids` → "contacts". */
const FIELD_LABELS: Record<string, string> = {
  parent_id: 'parent organization',
  expected_close_date: 'expected close date',
  close_reason: 'reason for closing',
  closed_at: 'closing date',
};
function humanField(field: string) {
  return FIELD_LABELS[field] ?? field.replace(/_ids$/, 's').replace(/_id$/, '').replace(/_/g, ' ');
}

const activitySchema = z
  .object({
    type: z.enum(ACTIVITY_TYPES),
    subject: z.string().trim().min(1, 'Required.').max(300, 'At most 300 characters.'),
    body: z.string(),
    dueAt: z.string(),
  })
  .refine((v) => v.type !== 'task' || v.dueAt !== '', { path: ['dueAt'], message: 'A task needs a due date.' });

function AddActivity({ kind, id }: { kind: TimelineKind; id: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const form = useForm({
    initialValues: { type: 'call', subject: '', body: '', dueAt: '' },
    schema: activitySchema,
    onSubmit: async (data) => {
      await unwrap(
        api.POST('/api/v1/crm/activities', {
          body: {
            type: data.type,
            subject: data.subject,
            body: data.body.trim() || null,
            dueAt: data.dueAt ? new Date(data.dueAt).toISOString() : null,
            [LINK[kind]]: id,
          },
        }),
      );
      toast.success(data.type === 'task' ? 'Task added.' : 'Activity logged.');
      form.reset();
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: crmKeys.timeline(kind, id) });
    },
  });
  if (!open)
    return (
      <p>
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          Add activity
        </button>
      </p>
    );
  return (
    <Form form={form} className="form crm-activity-form">
      <SelectField
        form={form}
        name="type"
        label="Type"
        options={ACTIVITY_TYPES.map((t) => ({ value: t, label: capitalize(t) }))}
      />
      <TextField form={form} name="subject" label="Subject" required />
      <TextareaField form={form} name="body" label="Notes" rows={3} />
      <DateTimeField form={form} />
      <div className="form-actions">
        <SubmitButton form={form}>{form.values.type === 'task' ? 'Add task' : 'Log activity'}</SubmitButton>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </Form>
  );
}

/** The shared fields lack a date-time input: a labelled `datetime-local` bound to `dueAt`. */
function DateTimeField({ form }: { form: FormState<{ type: string; subject: string; body: string; dueAt: string }> }) {
  const id = `${form.idPrefix}-dueAt`;
  const error = form.errors.dueAt;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Due{form.values.type === 'task' && <span aria-hidden="true"> *</span>}</label>
      <input
        id={id}
        type="datetime-local"
        value={form.values.dueAt}
        onChange={(e) => form.setValue('dueAt', e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        disabled={form.submitting}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
