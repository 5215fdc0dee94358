import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, listFetcher, unwrap } from '../../../api';
import {
  DataTable,
  Dialog,
  EmptyState,
  ErrorState,
  Form,
  FormErrorBanner,
  listQueryKey,
  PageHeader,
  SelectField,
  Skeleton,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
  type Column,
} from '../../../components';
import {
  departmentOptions,
  hrKeys,
  useDepartmentTree,
  type Department,
  type DepartmentNode,
  type Location,
  type Position,
} from '../queries';
import { PickerField, searchEmployees } from '../ui';

type Tab = 'departments' | 'positions' | 'locations';

/** Departments (tree), positions and locations; hr:admin edits them. */
export default function OrganizationPage() {
  const [tab, setTab] = useState<Tab>('departments');
  const tabs: { id: Tab; label: string }[] = [
    { id: 'departments', label: 'Departments' },
    { id: 'positions', label: 'Positions' },
    { id: 'locations', label: 'Locations' },
  ];
  return (
    <>
      <PageHeader title="Organization" description="Departments, job positions and locations." />
      <div role="tablist" aria-label="Organization" className="hr-view-toggle" style={{ marginBottom: '1rem' }}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-pressed={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className="btn"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'departments' && <Departments />}
        {tab === 'positions' && <Positions />}
        {tab === 'locations' && <Locations />}
      </div>
    </>
  );
}

// ---- departments ------------------------------------------------------------------------------

function Departments() {
  const { can } = useAuth();
  const tree = useDepartmentTree();
  const [editing, setEditing] = useState<{ id?: string; parentId?: string } | null>(null);
  return (
    <section className="card" aria-labelledby="dep-h">
      <div className="page-header">
        <h2 id="dep-h">Departments</h2>
        {can('hr:admin') && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing({})}>
            New department
          </button>
        )}
      </div>
      {tree.isPending ? (
        <Skeleton height="8em" />
      ) : tree.isError ? (
        <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />
      ) : tree.data.items.length === 0 ? (
        <EmptyState title="No departments yet" />
      ) : (
        <ul className="hr-tree" aria-label="Department tree">
          {tree.data.items.map((n) => (
            <DepartmentItem key={n.id} node={n} admin={can('hr:admin')} onEdit={setEditing} />
          ))}
        </ul>
      )}
      {editing && <DepartmentDialog target={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function DepartmentItem({
  node,
  admin,
  onEdit,
}: {
  node: DepartmentNode;
  admin: boolean;
  onEdit: (t: { id?: string; parentId?: string }) => void;
}) {
  return (
    <li>
      <span className="hr-node">
        <span>
          <strong>{node.name}</strong> {node.code && <span className="badge">{node.code}</span>}
          <br />
          <span className="muted">
            {node.employeeCount} {node.employeeCount === 1 ? 'person' : 'people'}
            {node.headName && (
              <>
                {' · head '}
                <Link to={`/hr/employees/${node.headEmployeeId}`}>{node.headName}</Link>
              </>
            )}
          </span>
        </span>
        <Link
          to={`/hr/employees?departmentId=${node.id}`}
          className="btn btn-ghost"
          aria-label={`People in ${node.name}`}
        >
          People
        </Link>
        {admin && (
          <>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => onEdit({ id: node.id })}
              aria-label={`Edit ${node.name}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => onEdit({ parentId: node.id })}
              aria-label={`Add a department under ${node.name}`}
            >
              + Sub-department
            </button>
          </>
        )}
      </span>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <DepartmentItem key={c.id} node={c} admin={admin} onEdit={onEdit} />
          ))}
        </ul>
      )}
    </li>
  );
}

const codeRule = z
  .string()
  .trim()
  .max(20)
  .regex(/^[A-Za-z0-9_.-]*$/, 'Letters, digits, dot, dash and underscore.');
const departmentSchema = z.object({
  name: z.string().trim().min(1, 'Required.').max(200),
  code: codeRule,
  parentId: z.string(),
  headEmployeeId: z.string(),
});

function useOrgSaved() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: hrKeys.departmentTree }),
      queryClient.invalidateQueries({ queryKey: hrKeys.allPositions }),
      queryClient.invalidateQueries({ queryKey: hrKeys.allLocations }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.positions) }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.locations) }),
    ]);
  };
}

function DepartmentDialog({ target, onClose }: { target: { id?: string; parentId?: string }; onClose: () => void }) {
  const tree = useDepartmentTree();
  const department = useQuery({
    queryKey: ['hr', 'department', target.id ?? '-'],
    enabled: Boolean(target.id),
    queryFn: () => unwrap(api.GET('/api/v1/hr/departments/{id}', { params: { path: { id: target.id! } } })),
  });
  return (
    <Dialog open title={target.id ? 'Edit department' : 'New department'} onClose={onClose}>
      {target.id && department.isError ? (
        <ErrorState error={department.error} onRetry={() => void department.refetch()} />
      ) : target.id && department.isPending ? (
        <Skeleton height="8em" />
      ) : (
        <DepartmentForm
          key={department.data?.version ?? 0}
          department={department.data ?? null}
          parentId={target.parentId}
          options={departmentOptions(tree.data?.items ?? []).filter((o) => o.value !== target.id)}
          onClose={onClose}
          reload={() => void department.refetch()}
        />
      )}
    </Dialog>
  );
}

function DepartmentForm({
  department,
  parentId,
  options,
  onClose,
  reload,
}: {
  department: Department | null;
  parentId: string | undefined;
  options: { value: string; label: string }[];
  onClose: () => void;
  reload: () => void;
}) {
  const toast = useToast();
  const saved = useOrgSaved();
  const form = useForm({
    initialValues: {
      name: department?.name ?? '',
      code: department?.code ?? '',
      parentId: department?.parentId ?? parentId ?? '',
      headEmployeeId: department?.headEmployeeId ?? '',
    },
    schema: departmentSchema,
    onSubmit: async (v) => {
      const body = {
        name: v.name,
        code: v.code || null,
        parentId: v.parentId || null,
        headEmployeeId: v.headEmployeeId || null,
      };
      if (department)
        await unwrap(
          api.PATCH('/api/v1/hr/departments/{id}', {
            params: { path: { id: department.id } },
            body: { ...body, version: department.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/hr/departments', { body }));
      await saved();
      toast.success(department ? 'Department saved.' : `Department ${v.name} created.`);
      onClose();
    },
  });
  const remove = useConfirmedDelete(
    department && {
      title: `Delete ${department.name}?`,
      message: 'Only a department nobody uses can be deleted (no people, positions or sub-departments).',
      remove: () =>
        unwrap(
          api.DELETE('/api/v1/hr/departments/{id}', {
            params: { path: { id: department.id }, query: { version: department.version } },
          }),
        ),
      deleted: 'Department deleted.',
      after: onClose,
    },
  );
  return (
    <Form form={form} onReload={reload}>
      <FormErrorBanner error={remove.error} onReload={reload} />
      <TextField form={form} name="name" label="Name" required />
      <TextField form={form} name="code" label="Code" />
      <SelectField
        form={form}
        name="parentId"
        label="Parent department"
        placeholder="— Top level —"
        options={options}
      />
      <PickerField
        form={form}
        name="headEmployeeId"
        label="Head"
        queryKey="dept-head"
        search={(q) => searchEmployees(q)}
        current={
          department?.headEmployeeId ? { value: department.headEmployeeId, label: department.headName ?? '' } : null
        }
      />
      <div className="dialog-footer">
        {department && (
          <button type="button" className="btn btn-danger" onClick={() => void remove.run()}>
            Delete
          </button>
        )}
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {form.submitting ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Form>
  );
}

// ---- positions --------------------------------------------------------------------------------

const positionSchema = z.object({
  title: z.string().trim().min(1, 'Required.').max(200),
  code: codeRule,
  departmentId: z.string(),
});

function Positions() {
  const { can } = useAuth();
  const tree = useDepartmentTree();
  const [editing, setEditing] = useState<Position | 'new' | null>(null);
  const names = new Map(departmentOptions(tree.data?.items ?? []).map((o) => [o.value, o.label]));
  const columns: Column<Position>[] = [
    {
      id: 'title',
      header: 'Title',
      sortKey: 'title',
      alwaysVisible: true,
      cell: (p) =>
        can('hr:admin') ? (
          <button type="button" className="btn-link" onClick={() => setEditing(p)}>
            {p.title}
          </button>
        ) : (
          p.title
        ),
    },
    { id: 'code', header: 'Code', cell: (p) => p.code ?? '—' },
    {
      id: 'department',
      header: 'Department',
      cell: (p) => (p.departmentId ? (names.get(p.departmentId) ?? '…') : '—'),
    },
    {
      id: 'people',
      header: 'People',
      cell: (p) => <Link to={`/hr/employees?positionId=${p.id}`}>Show</Link>,
    },
  ];
  return (
    <>
      <DataTable
        id={hrKeys.positions}
        caption="Positions"
        columns={columns}
        fetchPage={listFetcher('/api/v1/hr/positions')}
        rowKey={(p) => p.id}
        defaultSort="title"
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          {
            name: 'departmentId',
            label: 'Department',
            type: 'select',
            options: departmentOptions(tree.data?.items ?? []),
          },
        ]}
        actions={
          can('hr:admin') && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              New position
            </button>
          )
        }
      />
      {editing && (
        <Dialog
          open
          title={editing === 'new' ? 'New position' : `Edit ${editing.title}`}
          onClose={() => setEditing(null)}
        >
          <PositionForm
            position={editing === 'new' ? null : editing}
            options={departmentOptions(tree.data?.items ?? [])}
            onClose={() => setEditing(null)}
          />
        </Dialog>
      )}
    </>
  );
}

function PositionForm({
  position,
  options,
  onClose,
}: {
  position: Position | null;
  options: { value: string; label: string }[];
  onClose: () => void;
}) {
  const toast = useToast();
  const saved = useOrgSaved();
  const form = useForm({
    initialValues: {
      title: position?.title ?? '',
      code: position?.code ?? '',
      departmentId: position?.departmentId ?? '',
    },
    schema: positionSchema,
    onSubmit: async (v) => {
      const body = { title: v.title, code: v.code || null, departmentId: v.departmentId || null };
      if (position)
        await unwrap(
          api.PATCH('/api/v1/hr/positions/{id}', {
            params: { path: { id: position.id } },
            body: { ...body, version: position.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/hr/positions', { body }));
      await saved();
      toast.success('Position saved.');
      onClose();
    },
  });
  const remove = useConfirmedDelete(
    position && {
      title: `Delete ${position.title}?`,
      message: 'Only a position nobody holds can be deleted.',
      remove: () =>
        unwrap(
          api.DELETE('/api/v1/hr/positions/{id}', {
            params: { path: { id: position.id }, query: { version: position.version } },
          }),
        ),
      deleted: 'Position deleted.',
      after: onClose,
    },
  );
  return (
    <Form form={form} onReload={onClose}>
      <FormErrorBanner error={remove.error} />
      <TextField form={form} name="title" label="Title" required />
      <TextField form={form} name="code" label="Code" />
      <SelectField form={form} name="departmentId" label="Department" placeholder="— Any —" options={options} />
      <div className="dialog-footer">
        {position && (
          <button type="button" className="btn btn-danger" onClick={() => void remove.run()}>
            Delete
          </button>
        )}
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {form.submitting ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Form>
  );
}

// ---- locations --------------------------------------------------------------------------------

const locationSchema = z.object({
  name: z.string().trim().min(1, 'Required.').max(200),
  countryCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'An ISO 3166-1 alpha-2 code such as FR.'),
  timezone: z.string().trim().max(64),
  city: z.string().max(100),
});

function Locations() {
  const { can } = useAuth();
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const columns: Column<Location>[] = [
    {
      id: 'name',
      header: 'Name',
      sortKey: 'name',
      alwaysVisible: true,
      cell: (l) =>
        can('hr:admin') ? (
          <button type="button" className="btn-link" onClick={() => setEditing(l)}>
            {l.name}
          </button>
        ) : (
          l.name
        ),
    },
    { id: 'country', header: 'Country', cell: (l) => l.countryCode },
    { id: 'timezone', header: 'Time zone', cell: (l) => l.timezone },
    { id: 'city', header: 'City', cell: (l) => l.address?.city ?? '—' },
  ];
  return (
    <>
      <DataTable
        id={hrKeys.locations}
        caption="Locations"
        columns={columns}
        fetchPage={listFetcher('/api/v1/hr/locations')}
        rowKey={(l) => l.id}
        defaultSort="name"
        filters={[
          { name: 'q', label: 'Search', type: 'search' },
          { name: 'countryCode', label: 'Country code', type: 'text', placeholder: 'FR' },
        ]}
        actions={
          can('hr:admin') && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              New location
            </button>
          )
        }
      />
      {editing && (
        <Dialog
          open
          title={editing === 'new' ? 'New location' : `Edit ${editing.name}`}
          onClose={() => setEditing(null)}
        >
          <LocationForm location={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        </Dialog>
      )}
    </>
  );
}

function LocationForm({ location, onClose }: { location: Location | null; onClose: () => void }) {
  const toast = useToast();
  const saved = useOrgSaved();
  const form = useForm({
    initialValues: {
      name: location?.name ?? '',
      countryCode: location?.countryCode ?? '',
      timezone: location?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      city: location?.address?.city ?? '',
    },
    schema: locationSchema,
    onSubmit: async (v) => {
      const body = {
        name: v.name,
        countryCode: v.countryCode.toUpperCase(),
        ...(v.timezone ? { timezone: v.timezone } : {}),
        address: v.city ? { ...(location?.address ?? {}), city: v.city } : (location?.address ?? null),
      };
      if (location)
        await unwrap(
          api.PATCH('/api/v1/hr/locations/{id}', {
            params: { path: { id: location.id } },
            body: { ...body, version: location.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/hr/locations', { body }));
      await saved();
      toast.success('Location saved.');
      onClose();
    },
  });
  const remove = useConfirmedDelete(
    location && {
      title: `Delete ${location.name}?`,
      message: 'Only a location nobody works at (and without holidays) can be deleted.',
      remove: () =>
        unwrap(
          api.DELETE('/api/v1/hr/locations/{id}', {
            params: { path: { id: location.id }, query: { version: location.version } },
          }),
        ),
      deleted: 'Location deleted.',
      after: onClose,
    },
  );
  return (
    <Form form={form} onReload={onClose}>
      <FormErrorBanner error={remove.error} />
      <TextField form={form} name="name" label="Name" required />
      <TextField form={form} name="countryCode" label="Country code" required maxLength={2} placeholder="FR" />
      <TextField form={form} name="timezone" label="Time zone" placeholder="Europe/Paris" />
      <TextField form={form} name="city" label="City" />
      <div className="dialog-footer">
        {location && (
          <button type="button" className="btn btn-danger" onClick={() => void remove.run()}>
            Delete
          </button>
        )}
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {form.submitting ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Form>
  );
}

/**
 * The dialogs' Delete: asks first, deletes, refreshes the organization queries, says so and closes;
 * a refusal (in use: 409) is kept in `error` for the form's banner. `null` while creating.
 */
function useConfirmedDelete(
  action: { title: string; message: string; remove: () => Promise<unknown>; deleted: string; after: () => void } | null,
) {
  const toast = useToast();
  const confirm = useConfirm();
  const saved = useOrgSaved();
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    if (!action) return;
    if (!(await confirm({ title: action.title, message: action.message, confirmLabel: 'Delete' }))) return;
    try {
      await action.remove();
      await saved();
      toast.success(action.deleted);
      action.after();
    } catch (e) {
      setError(e);
    }
  };
  return { run, error };
}
