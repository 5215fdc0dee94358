import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../../api';
import { listQueryKey, PageHeader, Spinner, useToast } from '../../../components';
import { supplyKeys, useBaseCurrency } from '../queries';
import { PriceListFields, usePriceListForm, valuesOf } from './PriceListForm';
import { toPriceInputs } from './priceRows';

export default function PriceListNewPage() {
  const base = useBaseCurrency();
  // The form starts once the base currency is known (or unknown for good), so it is the default, and
  // nothing typed before it arrives is lost (the form used to start without it, then start again).
  return (
    <>
      <PageHeader
        title="New price list"
        description="Sales or supplier prices in one currency, with quantity breaks."
      />
      {base === undefined ? <Spinner label="Loading the base currency" /> : <NewPriceList currency={base ?? ''} />}
    </>
  );
}

function NewPriceList({ currency }: { currency: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = usePriceListForm(
    { name: '', kind: 'sales', currency, partyId: '', active: true, prices: [] },
    async (v) => {
      const list = await unwrap(
        api.POST('/api/v1/supply/price-lists', {
          body: {
            name: v.name.trim(),
            kind: v.kind,
            currency: v.currency,
            partyId: v.partyId || null,
            prices: toPriceInputs(v.prices),
          },
        }),
      );
      toast.success(`Price list ${list.name} created.`);
      queryClient.setQueryData(supplyKeys.priceList(list.id), list);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.priceLists) });
      form.reset(valuesOf(list));
      await navigate({ to: `/supply/price-lists/${list.id}` });
    },
  );
  return <PriceListFields form={form} submitLabel="Create price list" />;
}
