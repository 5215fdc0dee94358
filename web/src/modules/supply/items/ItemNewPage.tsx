import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  CheckboxField,
  Form,
  listQueryKey,
  PageHeader,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { supplyKeys, toOptions, useParties } from '../queries';

const schema = z.object({
  sku: z.string().trim().min(1, 'Required.').max(64),
  name: z.string().trim().min(1, 'Required.').max(200),
  type: z.enum(['stocked', 'service', 'consumable']),
  uom: z.string().trim().min(1, 'Required.').max(20),
  category: z.string().trim().max(100),
  barcode: z.string().trim().max(64),
  tracking: z.enum(['none', 'lot', 'serial']),
  shelfLifeDays: z.string().regex(/^(\d{1,5})?$/, 'Whole days, or empty.'),
  allowNegative: z.boolean(),
  defaultSupplierId: z.string(),
});

export default function ItemNewPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const vendors = useParties('vendor');
  const form = useForm({
    initialValues: {
      sku: '',
      name: '',
      type: 'stocked' as 'stocked' | 'service' | 'consumable',
      uom: 'pcs',
      category: '',
      barcode: '',
      tracking: 'none' as 'none' | 'lot' | 'serial',
      shelfLifeDays: '',
      allowNegative: false,
      defaultSupplierId: '',
    },
    schema,
    onSubmit: async (v) => {
      const item = await unwrap(
        api.POST('/api/v1/supply/items', {
          body: {
            sku: v.sku,
            name: v.name,
            type: v.type,
            uom: v.uom,
            tracking: v.tracking,
            allowNegative: v.allowNegative,
            units: [],
            ...(v.category ? { category: v.category } : {}),
            ...(v.barcode ? { barcode: v.barcode } : {}),
            ...(v.shelfLifeDays ? { shelfLifeDays: Number(v.shelfLifeDays) } : {}),
            ...(v.defaultSupplierId ? { defaultSupplierId: v.defaultSupplierId } : {}),
          },
        }),
      );
      toast.success(`Item ${item.sku} created.`);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.items) });
      await queryClient.invalidateQueries({ queryKey: supplyKeys.items });
      form.reset();
      await navigate({ to: `/supply/items/${item.id}` });
    },
  });
  return (
    <>
      <PageHeader title="New item" />
      <Form form={form}>
        <div className="grid-2">
          <TextField form={form} name="sku" label="SKU" required />
          <TextField form={form} name="name" label="Name" required />
          <SelectField
            form={form}
            name="type"
            label="Type"
            options={[
              { value: 'stocked', label: 'Stocked' },
              { value: 'service', label: 'Service' },
              { value: 'consumable', label: 'Consumable' },
            ]}
          />
          <TextField form={form} name="uom" label="Unit of measure" required />
          <TextField form={form} name="category" label="Category" />
          <TextField form={form} name="barcode" label="Barcode" />
          <SelectField
            form={form}
            name="tracking"
            label="Tracking"
            options={[
              { value: 'none', label: 'None' },
              { value: 'lot', label: 'Lot' },
              { value: 'serial', label: 'Serial number' },
            ]}
          />
          <TextField form={form} name="shelfLifeDays" label="Shelf life (days)" />
          <SelectField
            form={form}
            name="defaultSupplierId"
            label="Default supplier"
            placeholder="None"
            options={toOptions(vendors.data)}
          />
          <CheckboxField form={form} name="allowNegative" label="Allow negative stock" />
        </div>
        <div className="form-actions">
          <SubmitButton form={form}>Create item</SubmitButton>
        </div>
      </Form>
    </>
  );
}
