import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../../api';
import { crmKeys } from './queries';

export type ForecastItem = Schema<'PipelineForecast'>['items'][number];

export function monthLabel(month: string | null): string {
  if (!month) return 'No date';
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, 1)),
  );
}

export function useForecast(pipelineId: string | undefined, ownerId = '') {
  return useQuery({
    queryKey: crmKeys.forecast(pipelineId ?? '', ownerId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/crm/pipelines/{id}/forecast', {
          params: { path: { id: pipelineId! }, query: ownerId ? { ownerId } : {} },
        }),
      ),
    enabled: Boolean(pipelineId),
  });
}
