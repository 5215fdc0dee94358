import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../api';
import {
  DateField,
  Dialog,
  EmptyState,
  Form,
  QueryState,
  SelectField,
  TextareaField,
  TextField,
  formatDate,
  useAuth,
  useForm,
  useToast,
} from '../../components';
import {
  allPages,
  complianceKeys,
  FINDING_STATUS_LABELS,
  SEVERITY_LABELS,
  type Assessment,
  type AssessmentResult,
  type Finding,
  type Severity,
} from './api';

const SEVERITY_OPTIONS = (Object.keys(SEVERITY_LABELS) as Severity[]).map((value) => ({
  value,
  label: SEVERITY_LABELS[value],
}));
const SEVERITY_CLASS: Record<Severity, string> = {
  low: 'health-green',
  medium: 'health-amber',
  high: 'health-red',
  critical: 'health-red',
};

/**
 * An assessment's findings: create one (on a requirement or the whole assessment), create its
 * remediation task in Projects (as you), and follow that task's state; completing it closes the finding.
 */
export function FindingsPanel({
  assessment,
  results,
  newFor,
  onNew,
  onCloseNew,
}: {
  assessment: Assessment;
  results: AssessmentResult[];
  /** undefined: no dialog; null: a finding on the whole assessment; a result: on that requirement. */
  newFor: AssessmentResult | null | undefined;
  onNew: (r: AssessmentResult | null) => void;
  onCloseNew: () => void;
}) {
  const { can } = useAuth();
  const [remediating, setRemediating] = useState<Finding | null>(null);
  const findings = useQuery({
    queryKey: complianceKeys.findings(assessment.id),
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/compliance/findings', {
            params: { query: { assessmentId: assessment.id, limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        ),
      ),
  });
  const refOf = (id: string | null) => (id ? (results.find((r) => r.requirementId === id)?.refId ?? '…') : '—');
  return (
    <section className="compliance-section" aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings</h2>
      {can('compliance:write') && (
        <p>
          <button type="button" className="btn" onClick={() => onNew(null)}>
            New finding
          </button>
        </p>
      )}
      <QueryState query={findings} height="6em">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No findings" />
          ) : (
            <div className="card table-scroll">
              <table>
                <caption className="visually-hidden">Findings of {assessment.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Finding</th>
                    <th scope="col">Requirement</th>
                    <th scope="col">Severity</th>
                    <th scope="col">Status</th>
                    <th scope="col">Remediation</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((f) => (
                    <tr key={f.id}>
                      <th scope="row">
                        {f.title}
                        {f.description && <div className="muted">{f.description}</div>}
                      </th>
                      <td>{refOf(f.requirementId)}</td>
                      <td>
                        <span className={`badge ${SEVERITY_CLASS[f.severity]}`}>{SEVERITY_LABELS[f.severity]}</span>
                      </td>
                      <td>
                        {FINDING_STATUS_LABELS[f.status]}
                        {f.closedAt && <div className="muted">{formatDate(f.closedAt)}</div>}
                      </td>
                      <td>
                        {f.taskId ? (
                          <TaskState taskId={f.taskId} />
                        ) : f.status === 'open' && can('compliance:write') ? (
                          <button
                            type="button"
                            className="btn btn-small"
                            onClick={() => setRemediating(f)}
                            aria-label={`Create remediation task for ${f.title}`}
                          >
                            Create task
                          </button>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {newFor !== undefined && (
        <FindingDialog assessment={assessment} results={results} requirement={newFor} onClose={onCloseNew} />
      )}
      {remediating && (
        <RemediationDialog assessmentId={assessment.id} finding={remediating} onClose={() => setRemediating(null)} />
      )}
    </section>
  );
}

/** The remediation task as Projects shows it (its state), or a note when Projects is not readable. */
function TaskState({ taskId }: { taskId: string }) {
  const task = useQuery({
    queryKey: ['projects', 'task', taskId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/projects/tasks/{id}', { params: { path: { id: taskId } }, signal })),
    retry: false,
  });
  if (task.isError)
    return (
      <span className="muted">
        {task.error instanceof ProblemError && task.error.status === 403
          ? 'A task in Projects you cannot see'
          : 'The task could not be read'}
      </span>
    );
  if (!task.data) return <span className="muted">…</span>;
  const t = task.data;
  const cls =
    t.statusCategory === 'done' ? 'health-green' : t.statusCategory === 'in_progress' ? 'health-amber' : 'result-na';
  return (
    <span>
      <Link to={`/projects/${t.projectId}/tasks`}>{t.title}</Link>{' '}
      <span className={`badge ${cls}`}>{t.statusName}</span>
    </span>
  );
}

function FindingDialog({
  assessment,
  results,
  requirement,
  onClose,
}: {
  assessment: Assessment;
  results: AssessmentResult[];
  requirement: AssessmentResult | null;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: { title: '', severity: 'medium', requirementId: requirement?.requirementId ?? '', description: '' },
    validate: (v): Record<string, string> => (v.title.trim() === '' ? { title: 'Give the finding a title.' } : {}),
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/compliance/findings', {
          body: {
            assessmentId: assessment.id,
            requirementId: v.requirementId === '' ? null : v.requirementId,
            title: v.title.trim(),
            description: v.description,
            severity: v.severity as Severity,
          },
        }),
      );
      await client.invalidateQueries({ queryKey: complianceKeys.findings(assessment.id) });
      toast.success(`Recorded ${created.title}`);
      onClose();
    },
  });
  const options = results.map((r) => ({ value: r.requirementId, label: `${r.refId} ${r.title}`.slice(0, 120) }));
  return (
    <Dialog open title={requirement ? `Finding on ${requirement.refId}` : 'New finding'} onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <TextField form={form} name="title" label="Finding title" required />
        <SelectField form={form} name="severity" label="Severity" options={SEVERITY_OPTIONS} />
        <SelectField
          form={form}
          name="requirementId"
          label="Requirement"
          options={options}
          placeholder="The whole assessment"
        />
        <TextareaField form={form} name="description" label="Description" rows={3} />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Save finding
          </button>
        </div>
      </Form>
    </Dialog>
  );
}

function RemediationDialog({
  assessmentId,
  finding,
  onClose,
}: {
  assessmentId: string;
  finding: Finding;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const toast = useToast();
  const projects = useQuery({
    queryKey: ['compliance', 'remediation-projects'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/projects/projects', { params: { query: { limit: 200, sort: 'name' } }, signal })),
    retry: false,
  });
  const form = useForm({
    initialValues: { projectId: '', dueDate: '' },
    validate: (v): Record<string, string> => (v.projectId === '' ? { projectId: 'Choose the project.' } : {}),
    onSubmit: async (v) => {
      await unwrap(
        api.POST('/api/v1/compliance/findings/{id}/remediation', {
          params: { path: { id: finding.id } },
          body: {
            version: finding.version,
            projectId: v.projectId,
            assigneeIds: [],
            dueDate: v.dueDate === '' ? null : v.dueDate,
          },
        }),
      );
      await client.invalidateQueries({ queryKey: complianceKeys.findings(assessmentId) });
      toast.success(`Remediation task created for ${finding.title}`);
      onClose();
    },
  });
  const options = (projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }));
  return (
    <Dialog open title={`Remediate ${finding.title}`} onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <p>A task is created in the project (as you); completing it closes the finding.</p>
        {projects.isError ? (
          <p className="banner banner-warning">You cannot list projects: ask for access to Projects.</p>
        ) : (
          <SelectField form={form} name="projectId" label="Project" options={options} placeholder="Choose…" required />
        )}
        <DateField form={form} name="dueDate" label="Due date" />
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Create remediation task
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
