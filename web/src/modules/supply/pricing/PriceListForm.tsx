import { useEffect, useRef } from 'react';
import {
  CheckboxField,
  Form,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  type FormState,
} from '../../../components';
import { PartyPickerField } from '../../../components/PartyPicker';
import { toOptions, useItemChoices, type PriceList } from '../queries';
import { currencyError, priceRowsError, type PriceRow } from './priceRows';
import { PricesEditor } from './PricesEditor';

export type PriceListValues = {
  name: string;
  kind: 'sales' | 'purchase';
  currency: string;
  partyId: string;
  active: boolean;
  prices: PriceRow[];
};

export const KIND_LABEL: Record<PriceListValues['kind'], string> = {
  sales: 'Sales',
  purchase: 'Supplier (purchase)',
};

/** The form's values of a saved list (prices by item, then quantity break, as the server keeps them). */
export const valuesOf = (list: PriceList): PriceListValues => ({
  name: list.name,
  kind: list.kind,
  currency: list.currency,
  partyId: list.partyId ?? '',
  active: list.active,
  prices: list.prices.map((p) => ({ itemId: p.itemId, minQuantity: p.minQuantity, unitPrice: p.unitPrice })),
});

function validate(v: PriceListValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = 'Required.';
  const currency = currencyError(v.currency);
  if (currency) errors.currency = currency;
  const prices = priceRowsError(v.prices);
  if (prices) errors.prices = prices;
  return errors;
}

/** The form state of a price list (new or existing): validation of the name, currency and prices. */
export function usePriceListForm(initialValues: PriceListValues, onSubmit: (v: PriceListValues) => Promise<unknown>) {
  return useForm<PriceListValues>({ initialValues, validate, onSubmit });
}

/**
 * A price list's fields: name, sales or supplier, currency, the party it is for (a customer for a
 * sales list, the supplier for a supplier list) and its prices with quantity breaks. Kind and
 * currency are fixed once the list exists.
 */
export function PriceListFields({
  form,
  existing,
  readOnly,
  submitLabel,
  onReload,
}: {
  form: FormState<PriceListValues>;
  existing?: boolean;
  readOnly?: boolean;
  submitLabel: string;
  onReload?: () => void;
}) {
  const items = useItemChoices();
  const v = form.values;
  const disabled = readOnly || form.submitting;
  // A customer is no supplier: switching the kind of a new list clears the party.
  const kindRef = useRef(v.kind);
  const { setValue } = form;
  useEffect(() => {
    if (kindRef.current === v.kind) return;
    kindRef.current = v.kind;
    setValue('partyId', '');
  }, [v.kind, setValue]);
  return (
    <Form form={form} {...(onReload ? { onReload } : {})}>
      <div className="grid-2">
        <TextField form={form} name="name" label="Name" required disabled={readOnly} />
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          required
          disabled={existing || readOnly}
          options={(['sales', 'purchase'] as const).map((k) => ({ value: k, label: KIND_LABEL[k] }))}
        />
        <TextField
          form={form}
          name="currency"
          label="Currency"
          required
          maxLength={3}
          disabled={existing || readOnly}
          hint={existing ? 'Fixed once the list exists.' : 'Orders in this currency use the list.'}
        />
        {v.kind === 'purchase' ? (
          <PartyPickerField
            key="vendor"
            form={form}
            name="partyId"
            kind="vendor"
            label="Supplier"
            disabled={readOnly}
            hint="Purchase orders to this supplier take their prices from the list."
          />
        ) : (
          <PartyPickerField
            key="customer"
            form={form}
            name="partyId"
            kind="customer"
            label="Customer"
            disabled={readOnly}
            hint="Empty: the general sales list. A customer's own list comes first."
          />
        )}
        {existing && <CheckboxField form={form} name="active" label="Active" disabled={readOnly} />}
      </div>
      <PricesEditor
        rows={v.prices}
        onChange={(prices) => form.setValue('prices', prices)}
        itemOptions={toOptions(items.data)}
        currency={v.currency}
        disabled={disabled}
        error={form.errors.prices}
      />
      {!readOnly && (
        <div className="form-actions">
          <SubmitButton form={form}>{submitLabel}</SubmitButton>
        </div>
      )}
    </Form>
  );
}
