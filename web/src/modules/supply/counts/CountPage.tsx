import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import {
  DateText,
  FormErrorBanner,
  listQueryKey,
  PageHeader,
  QueryState,
  useAuth,
  useConfirm,
  useToast,
} from '../../../components';
import { compareDecimals } from '../../../components/decimal';
import { useIdempotencyKey } from '../idempotency';
import { nameOf, qty, statusBadgeClass, supplyKeys, useItemChoices, useLocations, type Count } from '../queries';
import { CountPostings } from './CountPostings';

/** A lot's code by id (from the item's lots). */
function LotCode({ itemId, lotId }: { itemId: string; lotId: string | null }) {
  const lots = useQuery({
    queryKey: ['supply', 'lots', itemId],
    enabled: lotId !== null,
    queryFn: () => unwrap(api.GET('/api/v1/supply/lots', { params: { query: { itemId } } })),
  });
  if (!lotId) return <>—</>;
  return <>{lots.data?.items.find((l) => l.id === lotId)?.code ?? '…'}</>;
}

export default function CountPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const count = useQuery({
    queryKey: supplyKeys.count(id),
    queryFn: () => unwrap(api.GET('/api/v1/supply/counts/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={count}>{(c) => <CountView count={c} onReload={() => void count.refetch()} />}</QueryState>;
}

function CountView({ count, onReload }: { count: Count; onReload: () => void }) {
  const { can } = useAuth();
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const items = useItemChoices();
  const { warehouses, nameOfLocation } = useLocations();
  const idempotency = useIdempotencyKey();
  const skuOf = (itemId: string) => items.data?.find((i) => i.id === itemId)?.sku ?? '…';
  const open = count.status === 'open';
  const changes = count.lines.filter((l) => compareDecimals(l.difference, '0') !== 0);
  const post = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/supply/counts/{id}/post', {
          params: { path: { id: count.id } },
          headers: idempotency.headers(),
          body: { version: count.version },
        }),
      ),
    onSuccess: async (posted) => {
      idempotency.renew();
      toast.success(`Count ${posted.number} posted.`);
      queryClient.setQueryData(supplyKeys.count(count.id), posted);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.counts) }),
        queryClient.invalidateQueries({ queryKey: ['supply', 'item'] }),
        queryClient.invalidateQueries({ queryKey: ['supply', 'on-hand'] }),
        queryClient.invalidateQueries({ queryKey: ['supply', 'valuation'] }),
      ]);
    },
  });
  return (
    <>
      <PageHeader
        title={`Count ${count.number}`}
        description={
          <>
            <span className={statusBadgeClass(open ? 'open' : 'received')} data-testid="count-status">
              {count.status}
            </span>{' '}
            {nameOf(warehouses.data, count.warehouseId)} · <DateText value={count.date} /> · {count.reason}
          </>
        }
        actions={
          open &&
          can('supply:write') && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={post.isPending}
              onClick={async () => {
                if (
                  await confirm({
                    title: 'Post this count?',
                    message:
                      changes.length === 0
                        ? 'Every counted quantity matches the stock: nothing will be adjusted.'
                        : `${changes.length} adjustment(s) with the reason “${count.reason}” are valued and posted to the ledger. The differences are taken against the stock at the moment of posting.`,
                    confirmLabel: 'Post count',
                  })
                )
                  post.mutate();
              }}
            >
              Post count
            </button>
          )
        }
      />
      <FormErrorBanner error={post.error} onReload={onReload} />
      <section className="card">
        <h2>Lines</h2>
        <div className="table-scroll">
          <table aria-label="Count lines">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Location</th>
                <th scope="col">Lot</th>
                <th scope="col" className="num">
                  Counted
                </th>
                {open && (
                  <>
                    <th scope="col" className="num">
                      On hand now
                    </th>
                    <th scope="col" className="num">
                      Difference
                    </th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {count.lines.map((l) => {
                const diff = compareDecimals(l.difference, '0');
                return (
                  <tr key={l.id}>
                    <td>{skuOf(l.itemId)}</td>
                    <td>{nameOfLocation(l.locationId)}</td>
                    <td>
                      <LotCode itemId={l.itemId} lotId={l.lotId} />
                    </td>
                    <td className="num">{qty(l.countedQuantity)}</td>
                    {open && (
                      <>
                        <td className="num">{qty(l.onHand)}</td>
                        <td className="num" data-testid={`difference-${skuOf(l.itemId)}`}>
                          {diff > 0 ? `+${qty(l.difference)}` : qty(l.difference)}
                        </td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {open && (
          <p className="muted">
            Posting turns each difference into a count move: a gain at the item&apos;s current cost (or the cost
            entered), a loss at its FIFO or average cost, each against the inventory adjustments account.
          </p>
        )}
      </section>
      {!open && <CountPostings count={count} skuOf={skuOf} />}
    </>
  );
}
