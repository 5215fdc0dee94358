import { Link } from '@tanstack/react-router';
import { z } from 'zod';
import { api, queryClient, unwrap } from '../../../api';
import {
  DecimalField,
  EmptyState,
  Form,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { postableOptions, useAccounts } from '../queries';
import { bankingKeys, groupedIban, useBankAccounts } from './bankingApi';
import '../finance.css';

const schema = z.object({
  name: z.string().trim().min(1, 'Required.'),
  iban: z.string(),
  accountNumber: z.string(),
  bic: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Three capital letters, e.g. EUR.'),
  accountId: z.string().min(1, 'Choose the ledger account.'),
  openingBalance: z.string().regex(/^-?\d+(\.\d{1,4})?$/, 'A number like 1250.00'),
});

/** Bank accounts: the list, and (finance:admin) a new one on a cash/bank ledger account. */
export default function BankAccountsPage() {
  const { can } = useAuth();
  const toast = useToast();
  const accounts = useBankAccounts(true);
  const chart = useAccounts();
  const form = useForm({
    initialValues: {
      name: '',
      iban: '',
      accountNumber: '',
      bic: '',
      currency: 'EUR',
      accountId: '',
      openingBalance: '0.00',
    },
    schema,
    validate: (v): Record<string, string> =>
      v.iban.trim() === '' && v.accountNumber.trim() === '' ? { iban: 'Give an IBAN or an account number.' } : {},
    onSubmit: async (data) => {
      const created = await unwrap(api.POST('/api/v1/finance/bank-accounts', { body: { ...data, active: true } }));
      await queryClient.invalidateQueries({ queryKey: bankingKeys.accounts });
      form.reset();
      toast.success(`Bank account ${created.name} created.`);
    },
  });
  const used = new Set(accounts.data?.items.map((a) => a.accountId));
  return (
    <>
      <PageHeader
        title="Bank accounts"
        description="Each bank account stands on a cash/bank ledger account. Import its statements and reconcile them."
        actions={<Link to="/finance/bank-rules">Matching rules</Link>}
      />
      <QueryState query={accounts} height="6em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No bank accounts yet">Create one below.</EmptyState>
          ) : (
            <div className="table-scroll card">
              <table aria-label="Bank accounts">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">IBAN / number</th>
                    <th scope="col">Currency</th>
                    <th scope="col">Ledger account</th>
                    <th scope="col" className="num">
                      Open statements
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/finance/bank-accounts/${a.id}`}>{a.name}</Link>
                      </td>
                      <td>{a.iban ? groupedIban(a.iban) : a.accountNumber}</td>
                      <td>{a.currency}</td>
                      <td>
                        {a.accountCode} — {a.accountName}
                      </td>
                      <td className="num">{a.openStatements}</td>
                      <td>{a.active ? 'Active' : 'Inactive'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {can('finance:admin') && (
        <section className="card" aria-label="New bank account">
          <h2>New bank account</h2>
          <Form form={form} className="fin-form">
            <TextField form={form} name="name" label="Name" required />
            <TextField form={form} name="iban" label="IBAN" hint="Checked (form and check digits)" />
            <TextField form={form} name="accountNumber" label="Account number" hint="When there is no IBAN" />
            <TextField form={form} name="bic" label="BIC" />
            <TextField form={form} name="currency" label="Currency" required />
            <SelectField
              form={form}
              name="accountId"
              label="Ledger account"
              required
              placeholder="Choose a cash/bank account"
              options={postableOptions(chart.data?.items, (a) => a.type === 'asset' && !used.has(a.id))}
            />
            <DecimalField form={form} name="openingBalance" label="Opening balance" />
            <div>
              <SubmitButton form={form}>Create bank account</SubmitButton>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}
