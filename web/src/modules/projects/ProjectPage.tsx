import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../api';
import { Form, Money, PageHeader, QueryState, SubmitButton, useForm, useToast } from '../../components';
import { ArchiveButton } from './ArchiveButton';
import { InvoicePanel } from './time/InvoicePanel';
import { projectBody, projectSchema } from './projectForm';
import { ProjectFields } from './ProjectFields';
import { MembersPanel } from './MembersPanel';
import { BILLING_LABELS, pKeys, useProject, type Project } from './queries';
import { ProgressBar, StatusBadge } from './ui';
import { RunFlowButton } from '../automation';

/** One project: progress, details (editable by its manager), members, budget vs actual and invoicing. */
export default function ProjectPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const project = useProject(id);
  return (
    <QueryState query={project} height="20em">
      {(p) => <ProjectView key={p.version} project={p} onReload={() => void project.refetch()} />}
    </QueryState>
  );
}

function ProjectView({ project: p, onReload }: { project: Project; onReload: () => void }) {
  const progress = useQuery({
    queryKey: pKeys.progress(p.id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects/{id}/progress', { params: { path: { id: p.id } } })),
  });
  return (
    <>
      <PageHeader
        title={`${p.code} · ${p.name}`}
        description={`${BILLING_LABELS[p.billingMethod]} · managed by ${p.managerName ?? '—'}`}
        actions={
          <>
            <StatusBadge status={p.status} />
            {p.archived && <span className="badge">Archived</span>}
            {p.canManage && <ArchiveButton project={p} />}
            <RunFlowButton record={{ type: 'projects.project', id: p.id }} />
            <Link to={`/projects/${p.id}/board`} className="btn">
              Board
            </Link>
            <Link to={`/projects/${p.id}/gantt`} className="btn">
              Gantt
            </Link>
            <Link to={`/projects/${p.id}/tasks`} className="btn">
              Tasks
            </Link>
          </>
        }
      />
      <section className="card" aria-labelledby="pj-progress">
        <h2 id="pj-progress">Progress</h2>
        <QueryState query={progress}>{(r) => <ProgressBar progress={r.progress} />}</QueryState>
      </section>
      {p.canManage && !p.archived ? <DetailsForm project={p} onReload={onReload} /> : <Details project={p} />}
      <MembersPanel project={p} />
      {p.canManage && <BudgetCard project={p} />}
      {p.canManage && p.billingMethod === 'time_and_materials' && <InvoicePanel project={p} />}
    </>
  );
}

function Details({ project: p }: { project: Project }) {
  return (
    <section className="card" aria-labelledby="pj-details">
      <h2 id="pj-details">Details</h2>
      <p>{p.description || <span className="muted">No description</span>}</p>
      <p className="muted">
        {p.startDate ?? '—'} → {p.endDate ?? '—'} · Tags: {p.tags.join(', ') || '—'}
      </p>
    </section>
  );
}

function DetailsForm({ project: p, onReload }: { project: Project; onReload: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      code: p.code,
      name: p.name,
      description: p.description,
      status: p.status as string,
      billingMethod: p.billingMethod as string,
      clientPartyId: p.clientPartyId ?? '',
      startDate: p.startDate ?? '',
      endDate: p.endDate ?? '',
      budgetHours: p.budgetHours ?? '',
      budgetAmount: p.budgetAmount ?? '',
      defaultBillingRate: p.defaultBillingRate ?? '',
      tags: p.tags.join(', '),
    },
    schema: projectSchema,
    onSubmit: async (v) => {
      const saved = await unwrap(
        api.PATCH('/api/v1/projects/projects/{id}', {
          params: { path: { id: p.id } },
          body: { ...projectBody(v), version: p.version },
        }),
      );
      queryClient.setQueryData(pKeys.project(p.id), saved);
      toast.success('Saved.');
    },
  });
  return (
    <section className="card" aria-labelledby="pj-details">
      <h2 id="pj-details">Details</h2>
      <Form form={form} onReload={onReload}>
        <ProjectFields form={form} />
        <div className="form-actions">
          <SubmitButton form={form}>Save</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

/** Budget vs actual (hours and money), for the project's managers. */
function BudgetCard({ project: p }: { project: Project }) {
  const budget = useQuery({
    queryKey: pKeys.budget(p.id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/projects/{id}/budget', { params: { path: { id: p.id } } })),
  });
  return (
    <section className="card" aria-labelledby="pj-budget">
      <h2 id="pj-budget">Budget vs actual</h2>
      <QueryState query={budget}>
        {(b) => (
          <table>
            <caption className="visually-hidden">Budget vs actual</caption>
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col" className="num">
                  Budget
                </th>
                <th scope="col" className="num">
                  Actual
                </th>
                <th scope="col" className="num">
                  Burn
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Hours</th>
                <td className="num">{b.budgetHours ?? '—'}</td>
                <td className="num">{b.actualHours}</td>
                <td className="num">{b.hoursBurnPercent === null ? '—' : `${b.hoursBurnPercent}%`}</td>
              </tr>
              <tr>
                <th scope="row">Cost</th>
                <td className="num">
                  {b.budgetAmount ? <Money amount={b.budgetAmount} currency={b.currency} /> : '—'}
                </td>
                <td className="num">
                  <Money amount={b.actualCost} currency={b.currency} />
                </td>
                <td className="num">{b.costBurnPercent === null ? '—' : `${b.costBurnPercent}%`}</td>
              </tr>
              <tr>
                <th scope="row">Billable / invoiced</th>
                <td className="num" />
                <td className="num">
                  <Money amount={b.billableValue} currency={b.currency} /> /{' '}
                  <Money amount={b.invoicedAmount} currency={b.currency} />
                </td>
                <td />
              </tr>
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
