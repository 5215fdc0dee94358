import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../../api';
import {
  DateField,
  Form,
  listQueryKey,
  PageHeader,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
  useToast,
} from '../../../components';
import { supplyKeys, toOptions, useItemChoices, useWarehouses } from '../queries';
import { countRowsError, rowsFromStock, toCountLines, type CountRow } from './countRows';
import { CountRowsEditor } from './CountRowsEditor';

type Values = { warehouseId: string; locationId: string; date: string; reason: string; rows: CountRow[] };

/**
 * A new count for a warehouse or one of its locations: the stock the ledger has there is listed, the
 * counter enters what they found. Saving records an open count with its differences; nothing moves
 * until it is posted.
 */
export default function CountNewPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const items = useItemChoices();
  const tracked = (id: string) => (items.data?.find((i) => i.id === id)?.tracking ?? 'none') !== 'none';
  const form = useForm<Values>({
    initialValues: { warehouseId: '', locationId: '', date: '', reason: 'cycle count', rows: [] },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (!v.warehouseId) errors.warehouseId = 'Required.';
      if (!v.reason.trim()) errors.reason = 'Required.';
      const rows = v.warehouseId ? countRowsError(v.rows, tracked) : null;
      if (rows) errors.rows = rows;
      return errors;
    },
    onSubmit: async (v) => {
      const count = await unwrap(
        api.POST('/api/v1/supply/counts', {
          body: {
            warehouseId: v.warehouseId,
            reason: v.reason.trim(),
            ...(v.date ? { date: v.date } : {}),
            lines: toCountLines(v.rows),
          },
        }),
      );
      toast.success(`Count ${count.number} saved: post it to adjust the stock.`);
      queryClient.setQueryData(supplyKeys.count(count.id), count);
      await queryClient.invalidateQueries({ queryKey: listQueryKey(supplyKeys.lists.counts) });
      await navigate({ to: `/supply/counts/${count.id}` });
    },
  });
  const { warehouseId, locationId } = form.values;
  const { setValue } = form;
  const warehouse = warehouses.data?.find((w) => w.id === warehouseId);
  const stock = useQuery({
    queryKey: ['supply', 'on-hand', 'count', warehouseId, locationId],
    enabled: Boolean(warehouseId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/supply/stock/on-hand', {
          params: { query: locationId ? { locationId } : { warehouseId } },
        }),
      ),
  });
  // A location belongs to one warehouse: another warehouse clears it.
  useEffect(() => {
    if (locationId && warehouse && !warehouse.locations.some((l) => l.id === locationId)) setValue('locationId', '');
  }, [warehouse, locationId, setValue]);
  // The rows follow the chosen place once (a refetch later does not wipe what was entered).
  const loaded = useRef('');
  useEffect(() => {
    const key = `${warehouseId}|${locationId}`;
    if (!warehouseId) {
      loaded.current = '';
      return;
    }
    if (!stock.data || stock.isPlaceholderData || loaded.current === key) return;
    loaded.current = key;
    setValue('rows', rowsFromStock(stock.data.items));
  }, [stock.data, stock.isPlaceholderData, warehouseId, locationId, setValue]);
  return (
    <>
      <PageHeader
        title="New count"
        description="Count a warehouse or one location; post the count to adjust the stock."
      />
      <Form form={form}>
        <div className="grid-2">
          <SelectField
            form={form}
            name="warehouseId"
            label="Warehouse"
            required
            placeholder="Choose…"
            options={toOptions(warehouses.data)}
          />
          <SelectField
            form={form}
            name="locationId"
            label="Location"
            placeholder="Every location"
            disabled={!warehouse}
            options={(warehouse?.locations ?? []).map((l) => ({ value: l.id, label: `${l.code} — ${l.name}` }))}
          />
          <DateField form={form} name="date" label="Date" hint="Default: today" />
          <TextField
            form={form}
            name="reason"
            label="Reason"
            required
            hint="Posted with every adjustment of the count."
          />
        </div>
        {warehouseId &&
          (stock.isPending ? (
            <p className="muted">Loading the stock…</p>
          ) : (
            <CountRowsEditor
              rows={form.values.rows}
              onChange={(rows) => form.setValue('rows', rows)}
              locationId={locationId}
              disabled={form.submitting}
              error={form.errors.rows}
            />
          ))}
        <div className="form-actions">
          <SubmitButton form={form}>Save count</SubmitButton>
        </div>
      </Form>
    </>
  );
}
