import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { z } from 'zod';
import { api, queryClient, unwrap } from '../../../api';
import {
  EmptyState,
  Form,
  NumberField,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  TextField,
  useAuth,
  useConfirm,
  useForm,
  useToast,
} from '../../../components';
import { postableOptions, useAccounts } from '../queries';
import { bankingKeys, useBankAccounts, type BankRule } from './bankingApi';
import '../finance.css';

const FIELD_LABELS: Record<BankRule['field'], string> = {
  description: 'Description',
  counterparty: 'Counterparty',
  reference: 'Reference',
};

/**
 * Matching rules: a regular expression on a statement line's description, counterparty or reference
 * (and direction) that proposes a party's open items or a new entry on an account. Lower priority runs
 * first; proposals by payment and by document reference come before any rule.
 */
export default function RulesPage() {
  const { can } = useAuth();
  const toast = useToast();
  const confirm = useConfirm();
  const chart = useAccounts();
  const banks = useBankAccounts();
  const rules = useQuery({
    queryKey: bankingKeys.rules,
    queryFn: () => unwrap(api.GET('/api/v1/finance/bank-rules')),
  });
  const parties = useQuery({
    queryKey: ['finance', 'parties', 'all-for-rules'],
    queryFn: () => unwrap(api.GET('/api/v1/finance/parties', { params: { query: { limit: 200 } } })),
  });
  const form = useForm({
    initialValues: {
      name: '',
      field: 'description',
      pattern: '',
      direction: 'any',
      target: 'account',
      accountId: '',
      partyId: '',
      bankAccountId: '',
      priority: '100',
    },
    schema: z.object({
      name: z.string().trim().min(1, 'Required.'),
      field: z.enum(['description', 'counterparty', 'reference']),
      pattern: z
        .string()
        .min(1, 'Required.')
        .refine((p) => {
          try {
            new RegExp(p, 'i');
            return true;
          } catch {
            return false;
          }
        }, 'Not a valid regular expression.'),
      direction: z.enum(['any', 'in', 'out']),
      target: z.enum(['account', 'party']),
      accountId: z.string(),
      partyId: z.string(),
      bankAccountId: z.string(),
      priority: z.string().regex(/^\d{1,5}$/, 'A whole number.'),
    }),
    validate: (v): Record<string, string> =>
      v.target === 'account' && !v.accountId
        ? { accountId: 'Choose an account.' }
        : v.target === 'party' && !v.partyId
          ? { partyId: 'Choose a party.' }
          : {},
    onSubmit: async (v) => {
      await unwrap(
        api.POST('/api/v1/finance/bank-rules', {
          body: {
            name: v.name,
            field: v.field,
            pattern: v.pattern,
            direction: v.direction,
            priority: Number(v.priority),
            bankAccountId: v.bankAccountId || null,
            accountId: v.target === 'account' ? v.accountId : null,
            partyId: v.target === 'party' ? v.partyId : null,
            active: true,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: bankingKeys.rules });
      form.reset();
      toast.success(`Rule ${v.name} added.`);
    },
  });
  const accountLabel = (id: string | null) => chart.data?.items.find((a) => a.id === id)?.code ?? '';
  const partyLabel = (id: string | null) => parties.data?.items.find((p) => p.id === id)?.name ?? 'a party';
  const remove = async (r: BankRule) => {
    const ok = await confirm({
      title: `Delete the rule ${r.name}?`,
      message: 'Proposals no longer use it.',
      confirmLabel: 'Delete',
    });
    if (!ok) return;
    try {
      await unwrap(
        api.DELETE('/api/v1/finance/bank-rules/{id}', {
          params: { path: { id: r.id }, query: { version: r.version } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: bankingKeys.rules });
    } catch (e) {
      toast.error(e);
    }
  };
  return (
    <>
      <PageHeader
        title="Matching rules"
        description="A regular expression on a statement line proposes a party's open items or an entry on an account."
        actions={<Link to="/finance/bank-accounts">Bank accounts</Link>}
      />
      <QueryState query={rules} height="6em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No rules yet">Add one below, e.g. bank fees: description ^fee → 6800.</EmptyState>
          ) : (
            <div className="table-scroll card">
              <table aria-label="Matching rules">
                <thead>
                  <tr>
                    <th scope="col">Priority</th>
                    <th scope="col">Name</th>
                    <th scope="col">When</th>
                    <th scope="col">Proposes</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((r) => (
                    <tr key={r.id}>
                      <td>{r.priority}</td>
                      <td>{r.name}</td>
                      <td>
                        {FIELD_LABELS[r.field]} matches <code>{r.pattern}</code>
                        {r.direction !== 'any' ? ` (money ${r.direction})` : ''}
                      </td>
                      <td>
                        {r.accountId
                          ? `Entry on ${accountLabel(r.accountId)}`
                          : `Open items of ${partyLabel(r.partyId)}`}
                      </td>
                      <td>
                        {can('finance:write') && (
                          <button type="button" className="btn" onClick={() => void remove(r)}>
                            Delete
                          </button>
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
      {can('finance:write') && (
        <section className="card" aria-label="New matching rule">
          <h2>New rule</h2>
          <Form form={form} className="fin-form">
            <TextField form={form} name="name" label="Name" required />
            <SelectField
              form={form}
              name="field"
              label="Field"
              options={Object.entries(FIELD_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <TextField form={form} name="pattern" label="Pattern (regular expression)" required />
            <SelectField
              form={form}
              name="direction"
              label="Direction"
              options={[
                { value: 'any', label: 'Money in or out' },
                { value: 'in', label: 'Money in' },
                { value: 'out', label: 'Money out' },
              ]}
            />
            <SelectField
              form={form}
              name="target"
              label="Proposes"
              options={[
                { value: 'account', label: 'A new entry on an account' },
                { value: 'party', label: "A party's open items" },
              ]}
            />
            {form.values.target === 'account' ? (
              <SelectField
                form={form}
                name="accountId"
                label="Account"
                placeholder="Choose an account"
                options={postableOptions(chart.data?.items)}
              />
            ) : (
              <SelectField
                form={form}
                name="partyId"
                label="Party"
                placeholder="Choose a party"
                options={(parties.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            )}
            <SelectField
              form={form}
              name="bankAccountId"
              label="Bank account"
              placeholder="Every bank account"
              options={(banks.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            />
            <NumberField form={form} name="priority" label="Priority (lower first)" />
            <div>
              <SubmitButton form={form}>Add rule</SubmitButton>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}
