import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import {
  DateField,
  Form,
  listQueryKey,
  PageHeader,
  SelectField,
  SubmitButton,
  TextareaField,
  useForm,
  useToast,
} from '../../../components';
import { PartyPickerField } from '../../../components/PartyPicker';
import { OrderLinesEditor } from '../OrderLinesEditor';
import { emptyLine, linesError, type OrderLine } from '../orderLines';
import { supplyKeys, toOptions, useItemChoices, useWarehouses } from '../queries';

type Values = {
  customerId: string;
  warehouseId: string;
  validUntil: string;
  memo: string;
  lines: OrderLine[];
};

export default function SalesOrderNewPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const items = useItemChoices();
  const form = useForm<Values>({
    initialValues: { customerId: '', warehouseId: '', validUntil: '', memo: '', lines: [emptyLine()] },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.customerId) errors.customerId = 'Required.';
      if (!v.warehouseId) errors.warehouseId = 'Required.';
      const lines = linesError(v.lines);
      if (lines) errors.lines = lines;
      return errors;
    },
    onSubmit: async (v) => {
      const order = await unwrap(
        api.POST('/api/v1/supply/sales-orders', {
          body: {
            customerId: v.customerId,
            warehouseId: v.warehouseId,
            memo: v.memo,
            ...(v.validUntil ? { validUntil: v.validUntil } : {}),
            lines: v.lines.map((l) => ({
              itemId: l.itemId,
              quantity: l.quantity,
              ...(l.unitPrice ? { unitPrice: l.unitPrice } : {}),
              discountPercent: l.discountPercent || '0',
            })),
          },
        }),
      );
      toast.success(`Quotation ${order.number} created.`);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.salesOrders) });
      form.reset();
      await navigate({ to: `/supply/sales-orders/${order.id}` });
    },
  });
  return (
    <>
      <PageHeader title="New quotation" description="Confirm it to make it a sales order: that reserves the stock." />
      <Form form={form}>
        <div className="grid-2">
          <PartyPickerField form={form} name="customerId" kind="customer" label="Customer" required />
          <SelectField
            form={form}
            name="warehouseId"
            label="Warehouse"
            required
            placeholder="Choose…"
            options={toOptions(warehouses.data)}
          />
          <DateField form={form} name="validUntil" label="Valid until" />
          <TextareaField form={form} name="memo" label="Memo" />
        </div>
        <OrderLinesEditor
          lines={form.values.lines}
          onChange={(lines) => form.setValue('lines', lines)}
          itemOptions={toOptions(items.data)}
          listPrice={{ kind: 'sales', partyId: form.values.customerId }}
          withDiscount
          disabled={form.submitting}
          error={form.errors.lines}
        />
        <div className="form-actions">
          <SubmitButton form={form}>Create quotation</SubmitButton>
        </div>
      </Form>
    </>
  );
}
