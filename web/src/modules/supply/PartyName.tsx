import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api';

/**
 * A Finance party's name by id: from `known` (a list already loaded, e.g. the first 200 parties)
 * when it is there, else fetched one by one (a party chosen by search may be past that list).
 * '—' for none, '…' while loading or when Finance is not readable. `known` null: that list is still
 * loading (or not readable), so nothing is fetched one by one.
 */
export function PartyName({
  id,
  known,
}: {
  id: string | null | undefined;
  known?: { id: string; name: string }[] | null;
}) {
  const listed = id ? known?.find((p) => p.id === id) : undefined;
  const party = useQuery({
    queryKey: ['finance', 'party', id ?? ''],
    enabled: Boolean(id) && !listed && known !== null,
    staleTime: 60_000,
    retry: false,
    queryFn: () => unwrap(api.GET('/api/v1/finance/parties/{id}', { params: { path: { id: id! } } })),
  });
  if (!id) return <>—</>;
  return <>{listed?.name ?? party.data?.name ?? '…'}</>;
}
