import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { QueryState } from '../../../components';
import { ReturnDialog } from '../ReturnDialog';
import { useLocations, type SalesOrder } from '../queries';

/**
 * Take goods of a delivery back from the customer: each line back into stock (at the cost it left
 * at) where it left from, or into another location.
 */
export function CustomerReturnDialog({
  order,
  deliveryId,
  onClose,
  onReturned,
}: {
  order: SalesOrder;
  deliveryId: string;
  onClose: () => void;
  onReturned: () => Promise<void>;
}) {
  const { options, nameOfLocation } = useLocations();
  const [locationId, setLocationId] = useState('');
  const delivery = useQuery({
    queryKey: ['supply', 'delivery', deliveryId],
    queryFn: () => unwrap(api.GET('/api/v1/supply/deliveries/{id}', { params: { path: { id: deliveryId } } })),
  });
  const sku = (itemId: string) => order.lines.find((l) => l.itemId === itemId)?.sku ?? '…';
  return (
    <QueryState query={delivery}>
      {(d) => (
        <ReturnDialog
          title={`Customer return of ${d.number}`}
          defaultReason="customer return"
          submitLabel="Take back"
          lines={d.lines.map((l) => ({
            id: l.id,
            label: `${sku(l.itemId)} from ${nameOfLocation(l.locationId)}`,
            moved: l.quantity,
            max: '',
          }))}
          onClose={onClose}
          onSubmit={async (v) => {
            const ret = await unwrap(
              api.POST('/api/v1/supply/deliveries/{id}/returns', {
                params: { path: { id: d.id } },
                headers: v.headers(),
                body: {
                  reason: v.reason,
                  ...(v.date ? { date: v.date } : {}),
                  lines: v.lines.map((l) => ({
                    deliveryLineId: l.id,
                    quantity: l.quantity,
                    ...(locationId ? { locationId } : {}),
                  })),
                },
              }),
            );
            await onReturned();
            return `Return ${ret.number} taken back into stock.`;
          }}
        >
          <div className="field">
            <label htmlFor="return-location">Back into</label>
            <select id="return-location" value={locationId} onChange={(e) => setLocationId(e.target.value)}>
              <option value="">Where it left from</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        </ReturnDialog>
      )}
    </QueryState>
  );
}
