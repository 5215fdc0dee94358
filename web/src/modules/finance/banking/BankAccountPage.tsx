import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { z } from 'zod';
import { api, queryClient, unwrap } from '../../../api';
import {
  CheckboxField,
  DateText,
  DecimalField,
  EmptyState,
  Form,
  PageHeader,
  QueryState,
  SubmitButton,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { bankingKeys, groupedIban, type BankAccount } from './bankingApi';
import { StatementImport } from './StatementImport';
import '../finance.css';

function EditAccount({ account }: { account: BankAccount }) {
  const toast = useToast();
  const form = useForm({
    initialValues: {
      name: account.name,
      iban: account.iban,
      accountNumber: account.accountNumber,
      bic: account.bic,
      openingBalance: account.openingBalance,
      active: account.active,
    },
    schema: z.object({
      name: z.string().trim().min(1, 'Required.'),
      iban: z.string(),
      accountNumber: z.string(),
      bic: z.string(),
      openingBalance: z.string().regex(/^-?\d+(\.\d{1,4})?$/, 'A number like 1250.00'),
      active: z.boolean(),
    }),
    onSubmit: async (data) => {
      await unwrap(
        api.PATCH('/api/v1/finance/bank-accounts/{id}', {
          params: { path: { id: account.id } },
          body: { ...data, version: account.version },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: bankingKeys.account(account.id) });
      await queryClient.invalidateQueries({ queryKey: bankingKeys.accounts });
      toast.success('Saved.');
    },
  });
  return (
    <section className="card" aria-label="Bank account details">
      <h2>Details</h2>
      <Form
        form={form}
        className="fin-form"
        onReload={() => void queryClient.invalidateQueries({ queryKey: bankingKeys.account(account.id) })}
      >
        <TextField form={form} name="name" label="Name" required />
        <TextField form={form} name="iban" label="IBAN" />
        <TextField form={form} name="accountNumber" label="Account number" />
        <TextField form={form} name="bic" label="BIC" />
        <DecimalField form={form} name="openingBalance" label="Opening balance" suffix={account.currency} />
        <CheckboxField form={form} name="active" label="Active" />
        <div>
          <SubmitButton form={form}>Save</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

/** One bank account: its details, its statements (open ones lead to the reconciliation), an import. */
export default function BankAccountPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = useAuth();
  const account = useQuery({
    queryKey: bankingKeys.account(id),
    queryFn: () => unwrap(api.GET('/api/v1/finance/bank-accounts/{id}', { params: { path: { id } } })),
  });
  const statements = useQuery({
    queryKey: bankingKeys.statements(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/finance/bank-statements', { params: { query: { bankAccountId: id, limit: 100 } } })),
  });
  return (
    <QueryState query={account} height="10em">
      {(a) => (
        <>
          <PageHeader
            title={a.name}
            description={`${a.iban ? groupedIban(a.iban) : a.accountNumber} · ${a.currency} · ledger ${a.accountCode} — ${a.accountName}`}
            actions={<Link to="/finance/bank-accounts">All bank accounts</Link>}
          />
          <section className="card" aria-label="Statements">
            <h2>Statements</h2>
            <QueryState query={statements} height="4em">
              {(page) =>
                page.items.length === 0 ? (
                  <EmptyState title="No statements yet">Import one below.</EmptyState>
                ) : (
                  <div className="table-scroll">
                    <table aria-label="Statements">
                      <thead>
                        <tr>
                          <th scope="col">Period</th>
                          <th scope="col">File</th>
                          <th scope="col" className="num">
                            Lines
                          </th>
                          <th scope="col" className="num">
                            Closing balance
                          </th>
                          <th scope="col" className="num">
                            Difference
                          </th>
                          <th scope="col">Status</th>
                        </tr>
                      </thead>
                      <tbody>
                        {page.items.map((s) => (
                          <tr key={s.id}>
                            <td>
                              <Link to={`/finance/bank-statements/${s.id}`}>
                                <DateText value={s.startDate} /> – <DateText value={s.endDate} />
                              </Link>
                            </td>
                            <td>{s.fileName || s.statementRef || s.format}</td>
                            <td className="num">
                              {s.reconciledCount} / {s.lineCount}
                            </td>
                            <td className="num">{s.closingBalance}</td>
                            <td className="num">{s.difference}</td>
                            <td>{s.status === 'finished' ? 'Finished' : 'Open'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )
              }
            </QueryState>
          </section>
          {can('finance:write') && a.active && <StatementImport account={a} />}
          {can('finance:admin') && <EditAccount key={a.version} account={a} />}
        </>
      )}
    </QueryState>
  );
}
