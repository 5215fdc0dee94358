import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../api';
import { EmptyState, FormErrorBanner, PageHeader, QueryState, formatDateTime, useToast } from '../../components';
import { autoKeys, useInbox, type Approval } from './api';
import { Text } from './fields';
import { FormValues, initialValues, type RawValues } from './FormValues';
import { formValues, type FormField } from './model';
import './automation.css';

/** The approvals inbox: what waits for me (or one of my roles), each with its form; approve or reject. */
export default function ApprovalsPage() {
  const inbox = useInbox();
  return (
    <>
      <PageHeader
        title="Approvals inbox"
        description="Approvals that flows ask of you or of one of your roles. Your answer and the form's values reach the flow's next step."
      />
      <QueryState query={inbox} height="10em">
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No approval waits for you" />
          ) : (
            <ul className="plain-list approvals">
              {items.map((a) => (
                <li key={a.id}>
                  <ApprovalCard approval={a} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

function ApprovalCard({ approval }: { approval: Approval }) {
  const client = useQueryClient();
  const toast = useToast();
  const form = (Array.isArray(approval.form) ? approval.form : []) as FormField[];
  const [values, setValues] = useState<RawValues>(() => initialValues(form));
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const headingId = `approval-${approval.id}`;
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(decision);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/automation/approvals/{id}/decide', {
          params: { path: { id: approval.id } },
          body: { decision, values: formValues(form, values), ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      );
      toast.success(decision === 'approve' ? `Approved: ${approval.title}` : `Rejected: ${approval.title}`);
      await client.invalidateQueries({ queryKey: autoKeys.approvals });
      await client.invalidateQueries({ queryKey: autoKeys.execution(approval.executionId) });
    } catch (e) {
      setError(e);
      // Decided meanwhile (409): the inbox drops it.
      if (e instanceof ProblemError && e.status === 409)
        await client.invalidateQueries({ queryKey: autoKeys.approvals });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card approval" aria-labelledby={headingId}>
      <h2 id={headingId}>{approval.title}</h2>
      {approval.description && <p>{approval.description}</p>}
      <p className="muted">
        Asked {formatDateTime(approval.createdAt)}
        {approval.assigneeRole ? ` of everyone with the role ${approval.assigneeRole}` : ' of you'} ·{' '}
        <Link to={`/automation/runs/${approval.executionId}`}>Open the run</Link>
      </p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void decide('approve');
        }}
      >
        <FormErrorBanner error={error} />
        <FormValues
          form={form}
          values={values}
          onChange={setValues}
          errors={error instanceof ProblemError ? error.fieldErrors : {}}
          disabled={busy !== null}
        />
        <Text label="Comment" value={comment} onChange={setComment} multiline rows={2} disabled={busy !== null} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy !== null} aria-busy={busy === 'approve'}>
            {busy === 'approve' ? 'Approving…' : 'Approve'}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy !== null}
            aria-busy={busy === 'reject'}
            onClick={() => void decide('reject')}
          >
            {busy === 'reject' ? 'Rejecting…' : 'Reject'}
          </button>
        </div>
      </form>
    </section>
  );
}
