import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, listFetcher, unwrap, type Schema } from '../../../api';
import {
  DataTable,
  DateField,
  DateText,
  DecimalField,
  Dialog,
  Form,
  listQueryKey,
  PageHeader,
  SubmitButton,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
  type Column,
} from '../../../components';
import { today } from '../decimal';

type Rate = Schema<'ExchangeRate'>;
const LIST = 'finance-exchange-rates';

const schema = z.object({
  fromCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'A three-letter code such as EUR.'),
  toCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'A three-letter code such as USD.'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date.'),
  rate: z
    .string()
    .trim()
    .regex(/^(0|[1-9]\d{0,9})(\.\d{1,10})?$/, 'A decimal such as 1.0845 (at most 10 decimals).'),
  source: z.string().trim().max(200, 'At most 200 characters.'),
});

/**
 * The exchange-rate table (Finance → Exchange rates): one rate per currency pair and date, as an exact
 * decimal. Revaluation takes the latest rate on or before the period end when it is given none.
 */
export default function ExchangeRatesPage() {
  const { can } = useAuth();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Rate | 'new' | null>(null);
  const writer = can('finance:write');
  const remove = async (r: Rate) => {
    const ok = await confirm({
      title: 'Delete this rate?',
      message: `${r.fromCurrency}/${r.toCurrency} ${r.rate} on ${r.date}`,
      confirmLabel: 'Delete',
    });
    if (!ok) return;
    try {
      await unwrap(
        api.DELETE('/api/v1/finance/exchange-rates/{id}', {
          params: { path: { id: r.id }, query: { version: r.version } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: listQueryKey(LIST) });
      toast.success('Rate deleted.');
    } catch (error) {
      toast.error(error);
    }
  };
  const columns: Column<Rate>[] = [
    { id: 'date', header: 'Date', sortKey: 'date', alwaysVisible: true, cell: (r) => <DateText value={r.date} /> },
    { id: 'pair', header: 'Pair', alwaysVisible: true, cell: (r) => `${r.fromCurrency}/${r.toCurrency}` },
    {
      id: 'rate',
      header: 'Rate',
      align: 'right',
      cell: (r) => <span title={`1 ${r.fromCurrency} = ${r.rate} ${r.toCurrency}`}>{r.rate}</span>,
    },
    { id: 'source', header: 'Source', cell: (r) => r.source },
    ...(writer
      ? [
          {
            id: 'actions',
            header: 'Actions',
            alwaysVisible: true,
            cell: (r: Rate) => (
              <span className="row-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Edit ${r.fromCurrency}/${r.toCurrency} on ${r.date}`}
                  onClick={() => setEditing(r)}
                >
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={`Delete ${r.fromCurrency}/${r.toCurrency} on ${r.date}`}
                  onClick={() => void remove(r)}
                >
                  Delete
                </button>
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="Exchange rates"
        description="Units of the second currency for one of the first, per day. A revaluation without rates takes the latest rate on or before its date (currency → base currency)."
      />
      <DataTable
        id={LIST}
        caption="Exchange rates"
        columns={columns}
        fetchPage={listFetcher('/api/v1/finance/exchange-rates')}
        rowKey={(r) => r.id}
        defaultSort="-date"
        filters={[
          { name: 'fromCurrency', label: 'From', type: 'text', placeholder: 'EUR' },
          { name: 'toCurrency', label: 'To', type: 'text', placeholder: 'USD' },
          { name: 'dateFrom', label: 'From date', type: 'date' },
          { name: 'dateTo', label: 'To date', type: 'date' },
        ]}
        actions={
          writer && (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              New rate
            </button>
          )
        }
      />
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New exchange rate' : 'Edit exchange rate'}
        onClose={() => setEditing(null)}
      >
        {editing !== null && <RateForm rate={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </>
  );
}

function RateForm({ rate, onDone }: { rate: Rate | null; onDone: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      fromCurrency: rate?.fromCurrency ?? '',
      toCurrency: rate?.toCurrency ?? '',
      date: rate?.date ?? today(),
      rate: rate?.rate ?? '',
      source: rate?.source ?? '',
    },
    schema,
    onSubmit: async (values) => {
      const v = {
        ...values,
        fromCurrency: values.fromCurrency.trim().toUpperCase(),
        toCurrency: values.toCurrency.trim().toUpperCase(),
        rate: values.rate.trim(),
        source: values.source.trim(),
      };
      const saved = rate
        ? await unwrap(
            api.PUT('/api/v1/finance/exchange-rates/{id}', {
              params: { path: { id: rate.id } },
              body: { ...v, version: rate.version },
            }),
          )
        : await unwrap(api.POST('/api/v1/finance/exchange-rates', { body: v }));
      await queryClient.invalidateQueries({ queryKey: listQueryKey(LIST) });
      toast.success(`${saved.fromCurrency}/${saved.toCurrency} ${saved.rate} on ${saved.date} saved.`);
      onDone();
    },
  });
  return (
    <Form form={form}>
      <TextField form={form} name="fromCurrency" label="From currency" maxLength={3} required autoFocus />
      <TextField
        form={form}
        name="toCurrency"
        label="To currency"
        maxLength={3}
        required
        hint="Usually the base currency."
      />
      <DateField form={form} name="date" label="Date" required />
      <DecimalField
        form={form}
        name="rate"
        label="Rate"
        required
        hint="Units of the to currency for one of the from currency, e.g. 1.0845."
      />
      <TextField form={form} name="source" label="Source" hint="Optional: ECB, your bank …" />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <SubmitButton form={form}>{rate ? 'Save' : 'Add'}</SubmitButton>
      </div>
    </Form>
  );
}
