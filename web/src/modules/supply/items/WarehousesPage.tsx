import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api, listFetcher, unwrap } from '../../../api';
import {
  DataTable,
  Dialog,
  Form,
  listQueryKey,
  PageHeader,
  SubmitButton,
  TextField,
  useAuth,
  useForm,
  useToast,
  type Column,
} from '../../../components';
import { supplyKeys, type Warehouse } from '../queries';

export default function WarehousesPage() {
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const columns: Column<Warehouse>[] = [
    { id: 'code', header: 'Code', sortKey: 'code', alwaysVisible: true, cell: (w) => w.code },
    { id: 'name', header: 'Name', sortKey: 'name', cell: (w) => w.name },
    {
      id: 'address',
      header: 'Address',
      cell: (w) => [w.address?.street, w.address?.city, w.address?.country].filter(Boolean).join(', '),
    },
    { id: 'locations', header: 'Locations', cell: (w) => w.locations.map((l) => l.code).join(', ') },
  ];
  return (
    <>
      <PageHeader title="Warehouses" description="Where stock is kept; each has a default location and any bins." />
      <DataTable
        id={supplyKeys.lists.warehouses}
        caption="Warehouses"
        columns={columns}
        fetchPage={listFetcher('/api/v1/supply/warehouses')}
        rowKey={(w) => w.id}
        defaultSort="code"
        actions={
          can('supply:admin') ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              New warehouse
            </button>
          ) : undefined
        }
      />
      {creating && <NewWarehouseDialog onClose={() => setCreating(false)} />}
    </>
  );
}

const schema = z.object({
  code: z.string().trim().min(1, 'Required.').max(20),
  name: z.string().trim().min(1, 'Required.').max(200),
  street: z.string().trim().max(200),
  city: z.string().trim().max(100),
  country: z.string().trim().max(100),
});

function NewWarehouseDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({
    initialValues: { code: '', name: '', street: '', city: '', country: '' },
    schema,
    onSubmit: async (v) => {
      const address = {
        ...(v.street ? { street: v.street } : {}),
        ...(v.city ? { city: v.city } : {}),
        ...(v.country ? { country: v.country } : {}),
      };
      await unwrap(
        api.POST('/api/v1/supply/warehouses', {
          body: { code: v.code, name: v.name, address: Object.keys(address).length ? address : null },
        }),
      );
      toast.success(`Warehouse ${v.code} created.`);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.warehouses) });
      await queryClient.invalidateQueries({ queryKey: supplyKeys.warehouses });
      onClose();
    },
  });
  return (
    <Dialog open title="New warehouse" onClose={onClose}>
      <Form form={form} confirmLeave={false}>
        <TextField form={form} name="code" label="Code" required />
        <TextField form={form} name="name" label="Name" required />
        <TextField form={form} name="street" label="Street" />
        <TextField form={form} name="city" label="City" />
        <TextField form={form} name="country" label="Country" />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton form={form}>Create warehouse</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
