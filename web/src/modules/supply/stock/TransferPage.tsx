import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, unwrap, type Schema } from '../../../api';
import {
  DateField,
  DecimalField,
  Form,
  PageHeader,
  SelectField,
  SubmitButton,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { sumDecimals } from '../../../components/decimal';
import { useIdempotencyKey } from '../idempotency';
import { QTY } from '../orderLines';
import { qty, supplyKeys, toOptions, useItemChoices, useLocations } from '../queries';
import { ItemStockTable } from './ItemStockTable';
import { LedgerTable } from './LedgerTable';
import '../supply.css';

type MoveResult = Schema<'SupplyMoveResult'>;

const schema = z
  .object({
    itemId: z.string().min(1, 'Required.'),
    quantity: z
      .string()
      .trim()
      .regex(QTY, 'A quantity like 10 or 2.5.')
      .refine((v) => !/^0+(\.0+)?$/.test(v), 'More than 0.'),
    lotId: z.string(),
    fromLocationId: z.string().min(1, 'Required.'),
    toLocationId: z.string().min(1, 'Required.'),
    date: z.string(),
    reason: z.string().trim().max(200),
  })
  .refine((v) => v.fromLocationId !== v.toLocationId, {
    path: ['toLocationId'],
    message: 'Transfer to another location.',
  });

const INITIAL = { itemId: '', quantity: '', lotId: '', fromLocationId: '', toLocationId: '', date: '', reason: '' };

/**
 * Move stock between locations of one warehouse or between warehouses: one `transfer` move per lot
 * (first expiry first out when no lot is chosen), no value change. The item's stock by location and
 * its ledger show the result.
 */
export default function TransferPage() {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const items = useItemChoices();
  const locations = useLocations();
  const idempotency = useIdempotencyKey();
  const sku = (id: string) => items.data?.find((i) => i.id === id)?.sku ?? '…';
  const [done, setDone] = useState<{ itemId: string; from: string; to: string; result: MoveResult } | null>(null);
  const form = useForm({
    initialValues: INITIAL,
    schema,
    onSubmit: async (v) => {
      const result = await unwrap(
        api.POST('/api/v1/supply/stock/transfers', {
          headers: idempotency.headers(),
          body: {
            itemId: v.itemId,
            fromLocationId: v.fromLocationId,
            toLocationId: v.toLocationId,
            quantity: v.quantity,
            ...(v.lotId ? { lotId: v.lotId } : {}),
            ...(v.date ? { date: v.date } : {}),
            reason: v.reason || 'transfer',
          },
        }),
      );
      idempotency.renew();
      const moved = sumDecimals(
        result.moves.map((m) => m.quantity),
        4,
      );
      toast.success(`Transferred ${qty(moved)} ${sku(v.itemId)}.`);
      setDone({ itemId: v.itemId, from: v.fromLocationId, to: v.toLocationId, result });
      form.reset({ ...INITIAL, itemId: v.itemId, fromLocationId: v.fromLocationId, toLocationId: v.toLocationId });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['supply', 'item', v.itemId] }),
        queryClient.invalidateQueries({ queryKey: ['supply', 'on-hand'] }),
        queryClient.invalidateQueries({ queryKey: ['list', `${supplyKeys.lists.ledger}-${v.itemId}`] }),
      ]);
    },
  });
  const v = form.values;
  const chosen = items.data?.find((i) => i.id === v.itemId);
  const lots = useQuery({
    queryKey: ['supply', 'lots', v.itemId],
    enabled: Boolean(chosen && chosen.tracking !== 'none'),
    queryFn: () => unwrap(api.GET('/api/v1/supply/lots', { params: { query: { itemId: v.itemId } } })),
  });
  const writable = can('supply:write');
  return (
    <>
      <PageHeader
        title="Transfer stock"
        description="Move stock between locations and warehouses. A transfer changes where stock is, not its value."
      />
      {writable ? (
        <Form form={form}>
          <div className="grid-2">
            <SelectField
              form={form}
              name="itemId"
              label="Item"
              required
              placeholder="Choose…"
              options={toOptions(items.data?.filter((i) => i.type !== 'service'))}
            />
            <DecimalField form={form} name="quantity" label="Quantity" required suffix={chosen?.uom} />
            <SelectField
              form={form}
              name="fromLocationId"
              label="From"
              required
              placeholder="Choose…"
              options={locations.options}
            />
            <SelectField
              form={form}
              name="toLocationId"
              label="To"
              required
              placeholder="Choose…"
              options={locations.options}
            />
            {chosen && chosen.tracking !== 'none' && (
              <SelectField
                form={form}
                name="lotId"
                label={chosen.tracking === 'serial' ? 'Serial number' : 'Lot'}
                placeholder="First expiry first"
                options={(lots.data?.items ?? []).map((l) => ({
                  value: l.id,
                  label: `${l.code}${l.expiryDate ? ` (expires ${l.expiryDate})` : ''} · ${qty(l.onHand)} on hand`,
                }))}
              />
            )}
            <DateField form={form} name="date" label="Date" hint="Default: today" />
            <TextField form={form} name="reason" label="Reason" placeholder="transfer" />
          </div>
          <div className="form-actions">
            <SubmitButton form={form} busyLabel="Transferring…">
              Transfer
            </SubmitButton>
          </div>
        </Form>
      ) : (
        <p className="muted">Transferring stock needs the supply:write permission.</p>
      )}
      {done && (
        <section className="card" aria-label="Transfer result" data-testid="transfer-result">
          <h2>Moved</h2>
          <ul>
            {done.result.moves.map((m) => (
              <li key={m.id}>
                {sku(done.itemId)} × {qty(m.quantity)} from {locations.nameOfLocation(done.from)} to{' '}
                {locations.nameOfLocation(m.locationId)}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/supply/items/${done.itemId}`}>See the item&apos;s stock ledger</Link>
          </p>
        </section>
      )}
      {v.itemId && (
        <>
          <section className="card">
            <h2>Stock of {sku(v.itemId)} by location</h2>
            <ItemStockTable itemId={v.itemId} />
          </section>
          <h2>Latest moves of {sku(v.itemId)}</h2>
          <LedgerTable key={v.itemId} itemId={v.itemId} pageSize={10} defaultSort="-seq" />
        </>
      )}
    </>
  );
}
