import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api';
import {
  DateField,
  DecimalField,
  SelectField,
  TextareaField,
  TextField,
  useAuth,
  type FormState,
} from '../../components';
import type { ProjectFormValues } from './projectForm';
import { BILLING_LABELS, STATUS_LABELS } from './queries';

/** The fields shared by the new-project form and the project's details form. */
export function ProjectFields({ form }: { form: FormState<ProjectFormValues> }) {
  const { can } = useAuth();
  const parties = useQuery({
    queryKey: ['projects', 'customers'],
    queryFn: () => unwrap(api.GET('/api/v1/finance/parties', { params: { query: { kind: 'customer', limit: 100 } } })),
    enabled: can('finance:read'),
  });
  return (
    <div className="grid-2">
      <TextField form={form} name="name" label="Name" required />
      <SelectField
        form={form}
        name="status"
        label="Status"
        options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <SelectField
        form={form}
        name="billingMethod"
        label="Billing method"
        options={Object.entries(BILLING_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <SelectField
        form={form}
        name="clientPartyId"
        label="Client"
        placeholder="No client"
        options={(parties.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
      />
      <DateField form={form} name="startDate" label="Start" />
      <DateField form={form} name="endDate" label="End" />
      <DecimalField form={form} name="budgetHours" label="Budget hours" />
      <DecimalField form={form} name="budgetAmount" label="Budget amount" />
      <DecimalField form={form} name="defaultBillingRate" label="Default billing rate (per hour)" />
      <TextField form={form} name="tags" label="Tags" hint="Separated by commas" />
      <TextareaField form={form} name="description" label="Description" />
    </div>
  );
}
