import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DecimalField,
  Form,
  FormErrorBanner,
  PageHeader,
  QueryState,
  SelectField,
  SubmitButton,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { QTY } from '../orderLines';
import { nameOf, qty, toOptions, useItemChoices, useParties, useWarehouses } from '../queries';

const RULES = ['supply', 'reorder-rules'] as const;
const schema = z.object({
  itemId: z.string().min(1, 'Required.'),
  warehouseId: z.string().min(1, 'Required.'),
  minQuantity: z.string().regex(QTY, 'A quantity like 10.'),
  maxQuantity: z.string().regex(QTY, 'A quantity like 50.'),
  supplierId: z.string(),
});

/** Min/max per item × warehouse, and "Run replenishment" (draft purchase orders per supplier). */
export default function ReorderRulesPage() {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const items = useItemChoices();
  const warehouses = useWarehouses();
  const vendors = useParties('vendor');
  const rules = useQuery({ queryKey: RULES, queryFn: () => unwrap(api.GET('/api/v1/supply/reorder-rules')) });
  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/supply/replenishment/run', { body: {} })),
    onSuccess: (r) =>
      toast.success(r.orders.length ? `Proposed ${r.orders.map((o) => o.number).join(', ')}.` : 'Nothing to reorder.'),
  });
  const form = useForm({
    initialValues: { itemId: '', warehouseId: '', minQuantity: '', maxQuantity: '', supplierId: '' },
    schema,
    onSubmit: async (v) => {
      await unwrap(
        api.POST('/api/v1/supply/reorder-rules', {
          body: {
            itemId: v.itemId,
            warehouseId: v.warehouseId,
            minQuantity: v.minQuantity,
            maxQuantity: v.maxQuantity,
            ...(v.supplierId ? { supplierId: v.supplierId } : {}),
          },
        }),
      );
      toast.success('Rule added.');
      form.reset();
      await queryClient.invalidateQueries({ queryKey: RULES });
    },
  });
  const sku = (id: string) => items.data?.find((i) => i.id === id)?.sku ?? '…';
  return (
    <>
      <PageHeader
        title="Reorder rules"
        description="Replenishment proposes draft purchase orders for items whose available + on order is below the minimum."
        actions={
          can('supply:write') && (
            <button type="button" className="btn btn-primary" disabled={run.isPending} onClick={() => run.mutate()}>
              Run replenishment
            </button>
          )
        }
      />
      <FormErrorBanner error={run.error} />
      {run.data && run.data.orders.length > 0 && (
        <p className="banner banner-info" role="status">
          Draft purchase orders:{' '}
          {run.data.orders.map((o) => (
            <Link key={o.id} to={`/supply/purchase-orders/${o.id}`}>
              {o.number}{' '}
            </Link>
          ))}
          {run.data.skipped.length > 0 && ` (${run.data.skipped.length} skipped: ${run.data.skipped[0]!.reason})`}
        </p>
      )}
      <QueryState query={rules}>
        {(r) =>
          r.items.length === 0 ? (
            <p className="muted">No rules yet.</p>
          ) : (
            <div className="table-scroll">
              <table aria-label="Reorder rules">
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col">Warehouse</th>
                    <th scope="col" className="num">
                      Minimum
                    </th>
                    <th scope="col" className="num">
                      Maximum
                    </th>
                    <th scope="col">Supplier</th>
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((rule) => (
                    <tr key={rule.id}>
                      <td>{sku(rule.itemId)}</td>
                      <td>{nameOf(warehouses.data, rule.warehouseId)}</td>
                      <td className="num">{qty(rule.minQuantity)}</td>
                      <td className="num">{qty(rule.maxQuantity)}</td>
                      <td>{rule.supplierId ? nameOf(vendors.data, rule.supplierId) : "The item's default"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {can('supply:write') && (
        <section className="card">
          <h2>New rule</h2>
          <Form form={form} confirmLeave={false}>
            <div className="grid-2">
              <SelectField
                form={form}
                name="itemId"
                label="Item"
                required
                placeholder="Choose…"
                options={toOptions(items.data)}
              />
              <SelectField
                form={form}
                name="warehouseId"
                label="Warehouse"
                required
                placeholder="Choose…"
                options={toOptions(warehouses.data)}
              />
              <DecimalField form={form} name="minQuantity" label="Minimum" required />
              <DecimalField form={form} name="maxQuantity" label="Maximum" required />
              <SelectField
                form={form}
                name="supplierId"
                label="Supplier"
                placeholder="The item's default supplier"
                options={toOptions(vendors.data)}
              />
            </div>
            <div className="form-actions">
              <SubmitButton form={form}>Add rule</SubmitButton>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}
