import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api';
import {
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
import { fractionToPercent, isDecimal, percentToFraction } from '../decimal';
import { financeKeys, useTaxCodes, type TaxCode } from '../queries';
import { FiscalPositionsSection } from './FiscalPositions';
import { TaxCodeActions, TREATMENTS } from './TaxCodeEdit';
import '../finance.css';

/** Tax codes and groups: rate, kind, treatment, account and the boxes of the return. */
export default function TaxCodesPage() {
  const { can } = useAuth();
  const codes = useTaxCodes();
  return (
    <>
      <PageHeader
        title="Tax codes"
        description="Each code has a rate, a kind (sales or purchase), the tax account it posts to and the boxes of the tax return it is reported in."
      />
      {can('finance:admin') && <NewTaxCode />}
      <QueryState query={codes} height="10em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No tax codes yet">Lines without a code use a free tax percentage.</EmptyState>
          ) : (
            <div className="table-scroll">
              <table aria-label="Tax codes">
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="num">
                      Rate %
                    </th>
                    <th scope="col">Treatment</th>
                    <th scope="col">Boxes (base / tax)</th>
                    <th scope="col">Status</th>
                    {can('finance:admin') && <th scope="col">Actions</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((c: TaxCode) => (
                    <tr key={c.id}>
                      <td>{c.code}</td>
                      <td>
                        {c.name}
                        {c.isGroup && (
                          <span className="muted"> (group: {c.components.map((p) => p.code).join(' + ')})</span>
                        )}
                        {c.exemptReason && <span className="muted"> — {c.exemptReason}</span>}
                      </td>
                      <td>{c.kind}</td>
                      <td className="num">{c.isGroup ? '—' : fractionToPercent(c.rate)}</td>
                      <td>{c.treatment}</td>
                      <td>
                        {c.netBox || '—'} / {c.taxBox || '—'}
                        {c.reverseTaxBox && ` (output ${c.reverseTaxBox})`}
                      </td>
                      <td>{c.active ? 'Active' : 'Inactive'}</td>
                      {can('finance:admin') && (
                        <td>
                          <TaxCodeActions code={c} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <FiscalPositionsSection />
    </>
  );
}

function NewTaxCode() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: {
      code: '',
      name: '',
      kind: 'sales',
      percent: '',
      treatment: 'standard',
      exemptReason: '',
      netBox: '',
      taxBox: '',
      reverseTaxBox: '',
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!/^[0-9A-Za-z][0-9A-Za-z._-]{0,29}$/.test(v.code)) errors.code = 'Letters, digits, ".", "_" or "-".';
      if (!v.name.trim()) errors.name = 'Required.';
      const zero = v.treatment === 'exempt' || v.treatment === 'zero-rated';
      if (!zero && (!isDecimal(v.percent.trim()) || v.percent.trim().startsWith('-') || v.percent.trim() === ''))
        errors.percent = 'A percentage such as 20 or 7.5.';
      if (zero && !v.exemptReason.trim()) errors.exemptReason = 'The reason printed on the document.';
      if (v.treatment === 'reverse-charge' && v.kind !== 'purchase')
        errors.treatment = 'Reverse charge is a purchase tax.';
      return errors;
    },
    onSubmit: async (v) => {
      const zero = v.treatment === 'exempt' || v.treatment === 'zero-rated';
      await unwrap(
        api.POST('/api/v1/finance/tax-codes', {
          body: {
            code: v.code,
            name: v.name.trim(),
            kind: v.kind === 'purchase' ? 'purchase' : 'sales',
            ...(zero ? {} : { rate: percentToFraction(v.percent) }),
            treatment: v.treatment as 'standard' | 'exempt' | 'zero-rated' | 'reverse-charge',
            ...(zero ? { exemptReason: v.exemptReason.trim() } : {}),
            netBox: v.netBox.trim(),
            taxBox: v.taxBox.trim(),
            ...(v.treatment === 'reverse-charge' ? { reverseTaxBox: v.reverseTaxBox.trim() } : {}),
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: financeKeys.taxCodes });
      toast.success(`Tax code ${v.code} added.`);
      for (const k of ['code', 'name', 'percent', 'exemptReason', 'netBox', 'taxBox', 'reverseTaxBox'] as const)
        form.setValue(k, '');
    },
  });
  const v = form.values;
  return (
    <section className="card" aria-labelledby="new-tax-code-h">
      <h2 id="new-tax-code-h">New tax code</h2>
      <Form form={form} className="fin-header-fields">
        <TextField form={form} name="code" label="Code" required maxLength={30} />
        <TextField form={form} name="name" label="Name" required maxLength={200} />
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          options={[
            { value: 'sales', label: 'Sales (output tax)' },
            { value: 'purchase', label: 'Purchase (input tax)' },
          ]}
        />
        <SelectField form={form} name="treatment" label="Treatment" options={TREATMENTS} />
        {v.treatment !== 'exempt' && v.treatment !== 'zero-rated' && (
          <TextField form={form} name="percent" label="Rate %" required />
        )}
        {(v.treatment === 'exempt' || v.treatment === 'zero-rated') && (
          <TextField form={form} name="exemptReason" label="Reason" required maxLength={500} />
        )}
        <TextField form={form} name="netBox" label="Box of the taxable amount" maxLength={20} />
        <TextField form={form} name="taxBox" label="Box of the tax" maxLength={20} />
        {v.treatment === 'reverse-charge' && (
          <TextField form={form} name="reverseTaxBox" label="Box of the self-assessed output tax" maxLength={20} />
        )}
        <div className="form-actions">
          <SubmitButton form={form}>Add tax code</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
