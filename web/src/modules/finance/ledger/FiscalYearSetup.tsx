import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api';
import { DateField, Form, SelectField, SubmitButton, useForm, useToast } from '../../../components';
import { financeKeys, useSettings } from '../queries';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({
  value: String(i + 1),
  label: new Date(Date.UTC(2000, i, 1)).toLocaleDateString(undefined, { month: 'long', timeZone: 'UTC' }),
}));

/**
 * Fiscal-year setup (administrators): the month years start in and the tax rounding, and a year with
 * its own dates — a short or long first year, or the change to a new rhythm.
 */
export function FiscalYearSetup() {
  const settings = useSettings();
  if (!settings.data) return null;
  return (
    <section className="card" aria-labelledby="fy-setup-h">
      <h2 id="fy-setup-h">Fiscal year setup</h2>
      <SettingsForm
        key={settings.data.version}
        version={settings.data.version}
        month={settings.data.fiscalYearStartMonth}
        rounding={settings.data.taxRounding}
      />
      <CustomYearForm />
    </section>
  );
}

function SettingsForm({ version, month, rounding }: { version: number; month: number; rounding: 'line' | 'document' }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: { month: String(month), rounding: rounding as string },
    onSubmit: async (v) => {
      await unwrap(
        api.PATCH('/api/v1/finance/settings', {
          body: {
            version,
            fiscalYearStartMonth: Number(v.month),
            taxRounding: v.rounding === 'document' ? 'document' : 'line',
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: financeKeys.settings });
      toast.success('Settings saved.');
    },
  });
  return (
    <Form form={form} className="fin-header-fields">
      <SelectField
        form={form}
        name="month"
        label="Fiscal years start in"
        options={MONTHS}
        hint="Years created from now on follow it; existing years keep their dates."
      />
      <SelectField
        form={form}
        name="rounding"
        label="Tax rounding"
        options={[
          { value: 'line', label: 'Per line' },
          { value: 'document', label: 'Per document (per tax code)' },
        ]}
      />
      <div className="form-actions">
        <SubmitButton form={form}>Save settings</SubmitButton>
      </div>
    </Form>
  );
}

function CustomYearForm() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: { startDate: '', endDate: '' },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.startDate) errors.startDate = 'Required.';
      if (!v.endDate) errors.endDate = 'Required.';
      return errors;
    },
    onSubmit: async (v) => {
      await unwrap(api.POST('/api/v1/finance/fiscal-years', { body: { startDate: v.startDate, endDate: v.endDate } }));
      await queryClient.invalidateQueries({ queryKey: financeKeys.fiscalYears });
      toast.success('The fiscal year is set up.');
      form.setValue('startDate', '');
      form.setValue('endDate', '');
    },
  });
  return (
    <Form form={form} className="fin-header-fields">
      <DateField form={form} name="startDate" label="A year from" hint="The first day of a month." />
      <DateField form={form} name="endDate" label="to" hint="The last day of a month, 1 to 24 months later." />
      <div className="form-actions">
        <SubmitButton form={form}>Set up year</SubmitButton>
      </div>
    </Form>
  );
}
