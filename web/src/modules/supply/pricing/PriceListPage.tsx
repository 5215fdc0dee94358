import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { listQueryKey, PageHeader, QueryState, useAuth, useToast } from '../../../components';
import { supplyKeys, type PriceList } from '../queries';
import { KIND_LABEL, PriceListFields, usePriceListForm, valuesOf } from './PriceListForm';
import { toPriceInputs } from './priceRows';

export default function PriceListPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const list = useQuery({
    queryKey: supplyKeys.priceList(id),
    queryFn: () => unwrap(api.GET('/api/v1/supply/price-lists/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={list}>
      {(l) => <EditPriceList key={`${l.id}-${l.version}`} list={l} onReload={() => void list.refetch()} />}
    </QueryState>
  );
}

function EditPriceList({ list, onReload }: { list: PriceList; onReload: () => void }) {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = usePriceListForm(valuesOf(list), async (v) => {
    const saved = await unwrap(
      api.PATCH('/api/v1/supply/price-lists/{id}', {
        params: { path: { id: list.id } },
        body: {
          version: list.version,
          name: v.name.trim(),
          partyId: v.partyId || null,
          active: v.active,
          prices: toPriceInputs(v.prices),
        },
      }),
    );
    toast.success(`Price list ${saved.name} saved.`);
    form.reset(valuesOf(saved));
    queryClient.setQueryData(supplyKeys.priceList(list.id), saved);
    await queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.priceLists) });
  });
  return (
    <>
      <PageHeader
        title={`Price list ${list.name}`}
        description={
          <>
            {KIND_LABEL[list.kind]} · {list.currency} · {list.prices.length} prices{' '}
            {!list.active && <span className="badge badge-inactive">inactive</span>}
          </>
        }
      />
      <PriceListFields
        form={form}
        existing
        readOnly={!can('supply:admin')}
        submitLabel="Save price list"
        onReload={onReload}
      />
    </>
  );
}
