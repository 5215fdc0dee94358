import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DecimalField,
  Dialog,
  Form,
  listQueryKey,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { supplyKeys, toOptions, useWarehouses, type Item } from '../queries';

const QTY = /^\d{1,12}(\.\d{1,4})?$/;
const schema = z.object({
  direction: z.enum(['in', 'out']),
  warehouseId: z.string().min(1, 'Required.'),
  quantity: z.string().regex(QTY, 'A quantity like 10 or 2.5.'),
  unitCost: z.string().regex(/^(\d{1,12}(\.\d{1,6})?)?$/, 'A cost like 4.25, or empty.'),
  lotCode: z.string().trim().max(64),
  reason: z.string().trim().min(1, 'Required.').max(200),
});

/** Stock in or out by an adjustment (valued and posted by the server). */
export function AdjustDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const warehouses = useWarehouses();
  const form = useForm({
    initialValues: {
      direction: 'in' as 'in' | 'out',
      warehouseId: '',
      quantity: '',
      unitCost: '',
      lotCode: '',
      reason: 'adjustment',
    },
    schema,
    onSubmit: async (v) => {
      await unwrap(
        api.POST('/api/v1/supply/stock/adjustments', {
          body: {
            itemId: item.id,
            warehouseId: v.warehouseId,
            direction: v.direction,
            quantity: v.quantity,
            reason: v.reason,
            ...(v.direction === 'in' && v.unitCost ? { unitCost: v.unitCost } : {}),
            ...(v.direction === 'in' && v.lotCode ? { lotCode: v.lotCode } : {}),
          },
        }),
      );
      toast.success('Stock adjusted.');
      form.reset();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: supplyKeys.item(item.id) }),
        queryClient.invalidateQueries({ queryKey: listQueryKey(`${supplyKeys.lists.ledger}-${item.id}`) }),
      ]);
      onClose();
    },
  });
  return (
    <Dialog open title={`Adjust stock of ${item.sku}`} onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <SelectField
          form={form}
          name="direction"
          label="Direction"
          options={[
            { value: 'in', label: 'In (add stock)' },
            { value: 'out', label: 'Out (remove stock)' },
          ]}
        />
        <SelectField
          form={form}
          name="warehouseId"
          label="Warehouse"
          required
          placeholder="Choose…"
          options={toOptions(warehouses.data)}
        />
        <DecimalField form={form} name="quantity" label="Quantity" required suffix={item.uom} />
        {form.values.direction === 'in' && (
          <>
            <DecimalField form={form} name="unitCost" label="Unit cost" hint="Default: the current cost" />
            {item.tracking !== 'none' && <TextField form={form} name="lotCode" label="Lot or serial number" />}
          </>
        )}
        <TextField form={form} name="reason" label="Reason" required />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton form={form}>Adjust</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
