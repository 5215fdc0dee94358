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
  supplierId: string;
  warehouseId: string;
  expectedDate: string;
  memo: string;
  lines: OrderLine[];
};

export default function PurchaseOrderNewPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const items = useItemChoices();
  const form = useForm<Values>({
    initialValues: { supplierId: '', warehouseId: '', expectedDate: '', memo: '', lines: [emptyLine()] },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.supplierId) errors.supplierId = 'Required.';
      if (!v.warehouseId) errors.warehouseId = 'Required.';
      const lines = linesError(v.lines);
      if (lines) errors.lines = lines;
      return errors;
    },
    onSubmit: async (v) => {
      const order = await unwrap(
        api.POST('/api/v1/supply/purchase-orders', {
          body: {
            supplierId: v.supplierId,
            warehouseId: v.warehouseId,
            memo: v.memo,
            ...(v.expectedDate ? { expectedDate: v.expectedDate } : {}),
            lines: v.lines.map((l) => ({
              itemId: l.itemId,
              quantity: l.quantity,
              ...(l.unitPrice ? { unitPrice: l.unitPrice } : {}),
            })),
          },
        }),
      );
      toast.success(`Purchase order ${order.number} created.`);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.purchaseOrders) });
      form.reset();
      await navigate({ to: `/supply/purchase-orders/${order.id}` });
    },
  });
  return (
    <>
      <PageHeader title="New purchase order" description="A draft: confirm it to order, then receive." />
      <Form form={form}>
        <div className="grid-2">
          <PartyPickerField form={form} name="supplierId" kind="vendor" label="Supplier" required />
          <SelectField
            form={form}
            name="warehouseId"
            label="Warehouse"
            required
            placeholder="Choose…"
            options={toOptions(warehouses.data)}
          />
          <DateField form={form} name="expectedDate" label="Expected" />
          <TextareaField form={form} name="memo" label="Memo" />
        </div>
        <OrderLinesEditor
          lines={form.values.lines}
          onChange={(lines) => form.setValue('lines', lines)}
          itemOptions={toOptions(items.data)}
          listPrice={{ kind: 'purchase', partyId: form.values.supplierId }}
          disabled={form.submitting}
          error={form.errors.lines}
        />
        <div className="form-actions">
          <SubmitButton form={form}>Create draft</SubmitButton>
        </div>
      </Form>
    </>
  );
}
