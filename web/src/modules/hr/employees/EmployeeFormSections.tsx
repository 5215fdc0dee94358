import { DateField, SelectField, TextField, useAuth, type FormState } from '../../../components';
import {
  departmentOptions,
  employmentTypeLabels,
  useDepartmentTree,
  useLocations,
  usePositions,
  type EmployeeFull,
} from '../queries';
import { PickerField, searchEmployees, searchUsers } from '../ui';
import type { Values } from './employeeForm';

// The three cards of the employee form. `editable(field)`: whether this user may change it.

interface SectionProps {
  form: FormState<Values>;
  employee?: EmployeeFull | undefined;
  editable: (field: string) => boolean;
}

/** Name, work contact, employment and the linked MOMS user. */
export function BasicSection({ form, employee, editable }: SectionProps) {
  const { can } = useAuth();
  const dis = (field: string) => !editable(field);
  return (
    <section className="card" aria-labelledby="f-basic">
      <h2 id="f-basic">Employee</h2>
      <TextField form={form} name="firstName" label="First name" required disabled={dis('firstName')} />
      <TextField form={form} name="lastName" label="Last name" required disabled={dis('lastName')} />
      <TextField form={form} name="workEmail" label="Work email" type="email" required disabled={dis('workEmail')} />
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
  );
}

/** Department, position, location and manager; a change of these goes in the job history. */
export function PlacementSection({ form, employee, editable }: SectionProps) {
  const tree = useDepartmentTree();
  const positions = usePositions();
  const locations = useLocations();
  const dis = (field: string) => !editable(field);
  return (
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
  );
}

/** Personal contact details, birth date and home address. */
export function PersonalSection({ form, editable }: Omit<SectionProps, 'employee'>) {
  const dis = (field: string) => !editable(field);
  return (
    <section className="card" aria-labelledby="f-personal">
      <h2 id="f-personal">Personal</h2>
      <TextField form={form} name="personalEmail" label="Personal email" type="email" disabled={dis('personalEmail')} />
      <TextField form={form} name="personalPhone" label="Personal phone" type="tel" disabled={dis('personalPhone')} />
      <DateField form={form} name="birthDate" label="Birth date" disabled={dis('birthDate')} />
      <TextField form={form} name="street" label="Street" disabled={dis('homeAddress')} />
      <TextField form={form} name="postalCode" label="Postal code" disabled={dis('homeAddress')} />
      <TextField form={form} name="city" label="City" disabled={dis('homeAddress')} />
      <TextField form={form} name="region" label="Region" disabled={dis('homeAddress')} />
      <TextField form={form} name="country" label="Country" disabled={dis('homeAddress')} />
    </section>
  );
}
