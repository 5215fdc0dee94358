import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../api';
import {
  DecimalField,
  Form,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  useAuth,
  useForm,
  useToast,
} from '../../components';
import { supplyKeys, type Settings } from './queries';
import './supply.css';

const PERCENT = /^(0|[1-9]\d{0,2})(\.\d{1,4})?$/;
const schema = z.object({
  valuationMethod: z.enum(['fifo', 'average', 'standard']),
  overReceiptPercent: z.string().trim().regex(PERCENT, 'A percentage like 5 or 2.5.'),
  priceTolerancePercent: z.string().trim().regex(PERCENT, 'A percentage like 5 or 2.5.'),
});
type Values = z.input<typeof schema>;

const valuesOf = (s: Settings): Values => ({
  valuationMethod: s.valuationMethod,
  overReceiptPercent: s.overReceiptPercent,
  priceTolerancePercent: s.priceTolerancePercent,
});

/** The accounts stock postings use, by their Finance role (where each move posts). */
const ACCOUNTS = [
  ['inventory', 'Inventory (the stock’s value)', 'Finance’s chart'],
  ['cogs', 'Cost of goods sold: deliveries, customer returns', 'Finance’s chart'],
  ['grni', 'Goods received not invoiced: receipts, bills, returns to suppliers', '1450, made on first use'],
  ['purchase-price-difference', 'Price differences between the order and the bill', '5200, made on first use'],
  ['inventory-adjustment', 'Adjustments and counts', '5300, made on first use'],
] as const;

export default function SettingsPage() {
  const settings = useQuery({
    queryKey: supplyKeys.settings,
    queryFn: () => unwrap(api.GET('/api/v1/supply/settings')),
  });
  return (
    <>
      <PageHeader
        title="Supply settings"
        description="How stock is valued, and the receiving and billing tolerances."
      />
      <QueryState query={settings}>
        {(s) => <SettingsForm key={s.version} settings={s} onReload={() => void settings.refetch()} />}
      </QueryState>
      <section className="card">
        <h2>Accounts</h2>
        <p className="muted">
          Every stock move with a value posts its journal entry in Finance, to the accounts that hold these roles.
        </p>
        <div className="table-scroll">
          <table aria-label="Accounts by role">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Used for</th>
                <th scope="col">Account</th>
              </tr>
            </thead>
            <tbody>
              {ACCOUNTS.map(([role, use, account]) => (
                <tr key={role}>
                  <td>
                    <code>{role}</code>
                  </td>
                  <td>{use}</td>
                  <td>{account}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function SettingsForm({ settings, onReload }: { settings: Settings; onReload: () => void }) {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const admin = can('supply:admin');
  const form = useForm({
    initialValues: valuesOf(settings),
    schema,
    onSubmit: async (v) => {
      const saved = await unwrap(
        api.PATCH('/api/v1/supply/settings', {
          body: {
            version: settings.version,
            ...(v.valuationMethod !== settings.valuationMethod ? { valuationMethod: v.valuationMethod } : {}),
            overReceiptPercent: v.overReceiptPercent,
            priceTolerancePercent: v.priceTolerancePercent,
          },
        }),
      );
      toast.success('Settings saved.');
      form.reset(valuesOf(saved));
      queryClient.setQueryData(supplyKeys.settings, saved);
    },
  });
  return (
    <section className="card">
      <h2>Valuation and tolerances</h2>
      <Form form={form} onReload={onReload}>
        <div className="grid-2">
          <SelectField
            form={form}
            name="valuationMethod"
            label="Valuation method"
            disabled={!admin}
            options={[
              { value: 'fifo', label: 'FIFO (first in, first out)' },
              { value: 'average', label: 'Moving average' },
              { value: 'standard', label: 'Standard cost' },
            ]}
            hint="Can change only while no stock has moved yet. Standard cost needs every item's standard cost."
          />
          <DecimalField
            form={form}
            name="overReceiptPercent"
            label="Over-receipt tolerance"
            suffix="%"
            disabled={!admin}
            hint="How much more than ordered a receipt may take in."
          />
          <DecimalField
            form={form}
            name="priceTolerancePercent"
            label="Price tolerance"
            suffix="%"
            disabled={!admin}
            hint="How far a bill's price may be off the order price; within it, the difference goes to price differences."
          />
        </div>
        {admin && (
          <div className="form-actions">
            <SubmitButton form={form}>Save settings</SubmitButton>
          </div>
        )}
      </Form>
    </section>
  );
}
