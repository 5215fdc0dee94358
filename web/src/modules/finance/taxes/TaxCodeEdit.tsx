import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  CheckboxField,
  Dialog,
  Form,
  SelectField,
  SubmitButton,
  TextField,
  useConfirm,
  useForm,
  useToast,
} from '../../../components';
import { fractionToPercent, isDecimal, percentToFraction } from '../decimal';
import { financeKeys, type TaxCode } from '../queries';
import './taxes.css';

export const TREATMENTS = [
  { value: 'standard', label: 'Standard' },
  { value: 'zero-rated', label: 'Zero-rated' },
  { value: 'exempt', label: 'Exempt' },
  { value: 'reverse-charge', label: 'Reverse charge (purchases)' },
];

/**
 * Edit, deactivate or delete a tax code, following the server's rules: the code and kind never
 * change; documents already saved keep the rate they were charged (their snapshot); a code that a
 * document or group uses cannot be deleted, only deactivated (the server answers why).
 */
export function TaxCodeActions({ code }: { code: TaxCode }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const reload = () => queryClient.invalidateQueries({ queryKey: financeKeys.taxCodes });
  const setActive = async (active: boolean) => {
    try {
      await unwrap(
        api.PATCH('/api/v1/finance/tax-codes/{id}', {
          params: { path: { id: code.id } },
          body: { version: code.version, active },
        }),
      );
      await reload();
      toast.success(`${code.code} ${active ? 'reactivated' : 'deactivated'}.`);
    } catch (error) {
      toast.error(error);
    }
  };
  const remove = async () => {
    const ok = await confirm({
      title: `Delete tax code ${code.code}?`,
      message: 'Only a code that no document or group uses can be deleted; deactivate it otherwise.',
      confirmLabel: 'Delete',
    });
    if (!ok) return;
    try {
      await unwrap(api.DELETE('/api/v1/finance/tax-codes/{id}', { params: { path: { id: code.id } } }));
      await reload();
      toast.success(`${code.code} deleted.`);
    } catch (error) {
      toast.error(error);
    }
  };
  return (
    <span className="fin-row-actions">
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Edit
      </button>
      <button type="button" className="btn btn-small" onClick={() => void setActive(!code.active)}>
        {code.active ? 'Deactivate' : 'Reactivate'}
      </button>
      <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
        Delete
      </button>
      <Dialog open={open} title={`Edit tax code ${code.code}`} onClose={() => setOpen(false)}>
        {open && (
          <EditForm
            code={code}
            onDone={async () => {
              setOpen(false);
              await reload();
            }}
          />
        )}
      </Dialog>
    </span>
  );
}

function EditForm({ code, onDone }: { code: TaxCode; onDone: () => Promise<void> }) {
  const toast = useToast();
  const form = useForm({
    initialValues: {
      name: code.name,
      percent: code.isGroup ? '' : fractionToPercent(code.rate),
      treatment: code.treatment as string,
      exemptReason: code.exemptReason,
      netBox: code.netBox,
      taxBox: code.taxBox,
      reverseTaxBox: code.reverseTaxBox,
      active: code.active,
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.name.trim()) errors.name = 'Required.';
      const zero = v.treatment === 'exempt' || v.treatment === 'zero-rated';
      if (!code.isGroup && !zero && (!isDecimal(v.percent.trim()) || v.percent.trim().startsWith('-')))
        errors.percent = 'A percentage such as 20 or 7.5.';
      if (zero && !v.exemptReason.trim()) errors.exemptReason = 'The reason printed on the document.';
      if (v.treatment === 'reverse-charge' && code.kind !== 'purchase')
        errors.treatment = 'Reverse charge is a purchase tax.';
      return errors;
    },
    onSubmit: async (v) => {
      const zero = v.treatment === 'exempt' || v.treatment === 'zero-rated';
      await unwrap(
        api.PATCH('/api/v1/finance/tax-codes/{id}', {
          params: { path: { id: code.id } },
          body: {
            version: code.version,
            name: v.name.trim(),
            ...(code.isGroup
              ? {}
              : {
                  treatment: v.treatment as 'standard' | 'exempt' | 'zero-rated' | 'reverse-charge',
                  ...(zero ? { exemptReason: v.exemptReason.trim() } : { rate: percentToFraction(v.percent) }),
                }),
            netBox: v.netBox.trim(),
            taxBox: v.taxBox.trim(),
            ...(v.treatment === 'reverse-charge' ? { reverseTaxBox: v.reverseTaxBox.trim() } : {}),
            active: v.active,
          },
        }),
      );
      toast.success(`Tax code ${code.code} saved. Documents already saved keep their rates.`);
      await onDone();
    },
  });
  const v = form.values;
  const zero = v.treatment === 'exempt' || v.treatment === 'zero-rated';
  return (
    <Form form={form}>
      <TextField form={form} name="name" label="Name" required maxLength={200} />
      {!code.isGroup && <SelectField form={form} name="treatment" label="Treatment" options={TREATMENTS} />}
      {!code.isGroup && !zero && <TextField form={form} name="percent" label="Rate %" required />}
      {zero && <TextField form={form} name="exemptReason" label="Reason" required maxLength={500} />}
      <TextField form={form} name="netBox" label="Box of the taxable amount" maxLength={20} />
      <TextField form={form} name="taxBox" label="Box of the tax" maxLength={20} />
      {v.treatment === 'reverse-charge' && (
        <TextField form={form} name="reverseTaxBox" label="Box of the self-assessed output tax" maxLength={20} />
      )}
      <CheckboxField form={form} name="active" label="Active (offered on new documents)" />
      <div className="form-actions">
        <SubmitButton form={form}>Save tax code</SubmitButton>
      </div>
    </Form>
  );
}
