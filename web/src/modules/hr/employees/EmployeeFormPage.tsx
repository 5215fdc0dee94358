import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DateField,
  ErrorState,
  Form,
  listQueryKey,
  PageHeader,
  SelectField,
  Skeleton,
  SubmitButton,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import {
  departmentOptions,
  employmentTypeLabels,
  hrKeys,
  todayIso,
  useDepartmentTree,
  useLocations,
  useMyEmployeeId,
  usePositions,
  type EmployeeFull,
  type EmployeeView,
} from '../queries';
import { PickerField, searchEmployees, searchUsers } from '../ui';

/** /hr/employees/new (hr:admin) and /hr/employees/$id/edit (hr:admin: all; you: contact details; managers: placement). */
export default function EmployeeFormPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const employee = useQuery({
    queryKey: hrKeys.employee(id ?? '-'),
    enabled: Boolean(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/hr/employees/{id}', { params: { path: { id: id! } } })) as Promise<EmployeeView>,
  });
  if (!id) return <EmployeeForm />;
  if (employee.isPending) return <Skeleton height="20em" />;
  if (employee.isError) return <ErrorState error={employee.error} onRetry={() => void employee.refetch()} />;
  if (employee.data.access !== 'full')
    return <ErrorState error={new Error('You may not change this employee’s record.')} />;
  return (
    <EmployeeForm
      key={employee.data.version}
      employee={employee.data as EmployeeFull}
      reload={() => void employee.refetch()}
    />
  );
}

const SELF_FIELDS = ['workPhone', 'personalEmail', 'personalPhone', 'homeAddress'];
const MANAGER_FIELDS = [
  'departmentId',
  'positionId',
  'locationId',
  'managerId',
  'workPhone',
  'effectiveDate',
  'reason',
];

const optionalEmail = z
  .string()
  .trim()
  .refine((v) => v === '' || z.email().safeParse(v).success, 'Not a valid email address.');
const optionalPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ().-]*$/, 'Digits, spaces and + ( ) . - only.');
const schema = z
  .object({
    firstName: z.string().trim().min(1, 'Required.').max(100),
    lastName: z.string().trim().min(1, 'Required.').max(100),
    workEmail: z.string().trim().email('Not a valid email address.'),
    workPhone: optionalPhone,
    personalEmail: optionalEmail,
    personalPhone: optionalPhone,
    birthDate: z.string(),
    street: z.string().max(200),
    postalCode: z.string().max(20),
    city: z.string().max(100),
    region: z.string().max(100),
    country: z.string().max(100),
    employmentType: z.string(),
    startDate: z.string().min(1, 'Required.'),
    endDate: z.string(),
    departmentId: z.string(),
    positionId: z.string(),
    locationId: z.string(),
    managerId: z.string(),
    effectiveDate: z.string(),
    reason: z.string().max(500),
    userId: z.string(),
  })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: 'Before the start date.' })
  .refine((v) => !v.birthDate || v.birthDate < todayIso(), { path: ['birthDate'], message: 'Must be in the past.' });
type Values = z.input<typeof schema>;

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

function EmployeeForm({ employee, reload }: { employee?: EmployeeFull; reload?: () => void }) {
  const { can } = useAuth();
  const me = useMyEmployeeId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const tree = useDepartmentTree();
  const positions = usePositions();
  const locations = useLocations();
  const admin = can('hr:admin');
  const mode: 'admin' | 'self' | 'manager' = admin ? 'admin' : employee && me.data === employee.id ? 'self' : 'manager';
  const editable = (field: string) =>
    mode === 'admin' || (mode === 'self' ? SELF_FIELDS : MANAGER_FIELDS).includes(field);
  const address = employee?.homeAddress ?? {};
  const initialValues: Values = {
    firstName: employee?.firstName ?? '',
    lastName: employee?.lastName ?? '',
    workEmail: employee?.workEmail ?? '',
    workPhone: employee?.workPhone ?? '',
    personalEmail: employee?.personalEmail ?? '',
    personalPhone: employee?.personalPhone ?? '',
    birthDate: employee?.birthDate ?? '',
    street: address.street ?? '',
    postalCode: address.postalCode ?? '',
    city: address.city ?? '',
    region: address.region ?? '',
    country: address.country ?? '',
    employmentType: employee?.employmentType ?? 'full_time',
    startDate: employee?.startDate ?? todayIso(),
    endDate: employee?.endDate ?? '',
    departmentId: employee?.departmentId ?? '',
    positionId: employee?.positionId ?? '',
    locationId: employee?.locationId ?? '',
    managerId: employee?.managerId ?? '',
    effectiveDate: '',
    reason: '',
    userId: employee?.userId ?? '',
  };

  const form = useForm({
    initialValues,
    schema,
    onSubmit: async (v) => {
      const homeAddress = Object.fromEntries(
        Object.entries({
          street: v.street,
          postalCode: v.postalCode,
          city: v.city,
          region: v.region,
          country: v.country,
        }).filter(([, x]) => x.trim() !== ''),
      );
      const all = {
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        workEmail: v.workEmail.trim(),
        workPhone: orNull(v.workPhone),
        personalEmail: orNull(v.personalEmail),
        personalPhone: orNull(v.personalPhone),
        birthDate: orNull(v.birthDate),
        homeAddress: Object.keys(homeAddress).length > 0 ? homeAddress : null,
        employmentType: v.employmentType as EmployeeFull['employmentType'],
        startDate: v.startDate,
        endDate: orNull(v.endDate),
        departmentId: orNull(v.departmentId),
        positionId: orNull(v.positionId),
        locationId: orNull(v.locationId),
        managerId: orNull(v.managerId),
        effectiveDate: v.effectiveDate || undefined,
        reason: orNull(v.reason),
        userId: orNull(v.userId),
      };
      if (!employee) {
        const body = Object.fromEntries(Object.entries(all).filter(([, x]) => x !== null && x !== undefined));
        const created = await unwrap(
          api.POST('/api/v1/hr/employees', { body: body as typeof all & { startDate: string } }),
        );
        await queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.employees) });
        await queryClient.invalidateQueries({ queryKey: hrKeys.departmentTree });
        toast.success(`${created.firstName} ${created.lastName} is hired.`);
        await navigate({ to: `/hr/employees/${created.id}` });
        return;
      }
      // Send only what changed (and what this user may change): the API refuses other fields.
      const before: Record<string, unknown> = { ...employee, homeAddress: employee.homeAddress ?? null };
      const changes = Object.fromEntries(
        Object.entries(all).filter(
          ([k, x]) =>
            editable(k) &&
            x !== undefined &&
            !['effectiveDate', 'reason'].includes(k) &&
            JSON.stringify(x) !== JSON.stringify(before[k] ?? null),
        ),
      );
      const placementChanged = ['departmentId', 'positionId', 'managerId'].some((k) => k in changes);
      if (placementChanged) {
        if (all.effectiveDate) Object.assign(changes, { effectiveDate: all.effectiveDate });
        if (all.reason) Object.assign(changes, { reason: all.reason });
      }
      if (Object.keys(changes).length === 0) {
        toast.success('Nothing changed.');
        return;
      }
      const saved = await unwrap(
        api.PATCH('/api/v1/hr/employees/{id}', {
          params: { path: { id: employee.id } },
          body: { ...changes, version: employee.version },
        }),
      );
      queryClient.setQueryData(hrKeys.employee(employee.id), saved);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.employees) });
      toast.success('Saved.');
      await navigate({ to: `/hr/employees/${employee.id}` });
    },
  });

  const name = employee ? `${employee.firstName} ${employee.lastName}` : '';
  const dis = (field: string) => !editable(field);
  return (
    <>
      <PageHeader
        title={employee ? `Edit ${name}` : 'New employee'}
        description={
          mode === 'self'
            ? 'You can change your contact details; HR changes the rest.'
            : mode === 'manager'
              ? 'As their manager you can change their placement and work phone.'
              : undefined
        }
        actions={<Link to={employee ? `/hr/employees/${employee.id}` : '/hr/employees'}>Cancel</Link>}
      />
      <Form form={form} {...(reload ? { onReload: reload } : {})}>
        <div className="grid-2">
          <section className="card" aria-labelledby="f-basic">
            <h2 id="f-basic">Employee</h2>
            <TextField form={form} name="firstName" label="First name" required disabled={dis('firstName')} />
            <TextField form={form} name="lastName" label="Last name" required disabled={dis('lastName')} />
            <TextField
              form={form}
              name="workEmail"
              label="Work email"
              type="email"
              required
              disabled={dis('workEmail')}
            />
            <TextField form={form} name="workPhone" label="Work phone" type="tel" disabled={dis('workPhone')} />
            <SelectField
              form={form}
              name="employmentType"
              label="Employment type"
              disabled={dis('employmentType')}
              options={Object.entries(employmentTypeLabels).map(([value, label]) => ({ value, label }))}
            />
            <DateField form={form} name="startDate" label="Start date" required disabled={dis('startDate')} />
            <DateField
              form={form}
              name="endDate"
              label="Contract end date"
              hint="Only for a fixed-term contract."
              disabled={dis('endDate')}
            />
            {can('auth:read') && editable('userId') && (
              <PickerField
                form={form}
                name="userId"
                label="MOMS user"
                hint="The user who signs in as this employee (sees their own record, leave and payslips)."
                queryKey="users"
                search={searchUsers}
                current={employee?.userId ? { value: employee.userId, label: 'The linked user' } : null}
                noneLabel="— Not linked —"
              />
            )}
          </section>
          <section className="card" aria-labelledby="f-job">
            <h2 id="f-job">Placement</h2>
            <SelectField
              form={form}
              name="departmentId"
              label="Department"
              placeholder="— None —"
              disabled={dis('departmentId')}
              options={departmentOptions(tree.data?.items ?? [])}
            />
            <SelectField
              form={form}
              name="positionId"
              label="Position"
              placeholder="— None —"
              disabled={dis('positionId')}
              options={(positions.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
            />
            <SelectField
              form={form}
              name="locationId"
              label="Location"
              placeholder="— None —"
              disabled={dis('locationId')}
              options={(locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
            />
            {editable('managerId') ? (
              <PickerField
                form={form}
                name="managerId"
                label="Manager"
                queryKey={`managers-${employee?.id ?? 'new'}`}
                search={(q) => searchEmployees(q, employee?.id)}
                current={employee?.managerId ? { value: employee.managerId, label: employee.managerName ?? '' } : null}
              />
            ) : (
              <p>
                <strong>Manager:</strong> {employee?.managerName ?? '—'}
              </p>
            )}
            {employee && editable('effectiveDate') && (
              <>
                <DateField
                  form={form}
                  name="effectiveDate"
                  label="Change effective from"
                  hint="For a department, position or manager change (job history); default today."
                />
                <TextField form={form} name="reason" label="Reason for the change" />
              </>
            )}
          </section>
          <section className="card" aria-labelledby="f-personal">
            <h2 id="f-personal">Personal</h2>
            <TextField
              form={form}
              name="personalEmail"
              label="Personal email"
              type="email"
              disabled={dis('personalEmail')}
            />
            <TextField
              form={form}
              name="personalPhone"
              label="Personal phone"
              type="tel"
              disabled={dis('personalPhone')}
            />
            <DateField form={form} name="birthDate" label="Birth date" disabled={dis('birthDate')} />
            <TextField form={form} name="street" label="Street" disabled={dis('homeAddress')} />
            <TextField form={form} name="postalCode" label="Postal code" disabled={dis('homeAddress')} />
            <TextField form={form} name="city" label="City" disabled={dis('homeAddress')} />
            <TextField form={form} name="region" label="Region" disabled={dis('homeAddress')} />
            <TextField form={form} name="country" label="Country" disabled={dis('homeAddress')} />
          </section>
        </div>
        <div className="form-actions">
          <SubmitButton form={form}>{employee ? 'Save changes' : 'Create employee'}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
