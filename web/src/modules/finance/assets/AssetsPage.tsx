import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap, type Schema } from '../../../api';
import { Dialog, EmptyState, Money, PageHeader, QueryState, useAuth, useToast } from '../../../components';
import '../finance.css';
import { today } from '../decimal';
import { postableOptions, useAccounts } from '../queries';

type Asset = Schema<'Asset'>;
type AssetCategory = Schema<'AssetCategory'>;
type Method = Asset['method'];

const keys = {
  assets: ['finance', 'assets'] as const,
  categories: ['finance', 'asset-categories'] as const,
  schedule: (id: string, version: number) => ['finance', 'asset-schedule', id, version] as const,
};
const AMOUNT = /^(0|[1-9]\d{0,14})(\.\d{1,4})?$/;
const RATE = /^(0|[1-9]\d?)(\.\d{1,6})?$/;
const methodLabel = (m: Method, rate: string | null) =>
  m === 'straight-line' ? 'Straight line' : `Declining balance (${rate ?? '?'} a year)`;

/** Fixed assets: the register, a new asset, each asset's depreciation schedule, and the monthly run. */
export default function AssetsPage() {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const assets = useQuery({
    queryKey: keys.assets,
    queryFn: () => unwrap(api.GET('/api/v1/finance/assets', { params: { query: { limit: 200 } } })),
  });
  const categories = useQuery({
    queryKey: keys.categories,
    queryFn: () => unwrap(api.GET('/api/v1/finance/asset-categories')),
    staleTime: 60_000,
  });
  const [dialog, setDialog] = useState<'asset' | 'category' | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [through, setThrough] = useState(today().slice(0, 7));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['finance'] });
  const runDepreciation = async () => {
    try {
      const r = await unwrap(api.POST('/api/v1/finance/assets/depreciation/run', { params: { query: { through } } }));
      if (r.failed > 0) toast.error(`${r.posted} months posted; ${r.failed} refused: ${r.errors[0]?.detail ?? ''}`);
      else toast.success(`${r.posted} months of depreciation posted through ${r.through}.`);
      await refresh();
    } catch (error) {
      toast.error(error);
    }
  };
  const current = assets.data?.items.find((a) => a.id === selected) ?? null;
  return (
    <>
      <PageHeader
        title="Fixed assets"
        description="The asset register. Depreciation is posted monthly (on the 1st, for the month before); each month once."
        actions={
          can('finance:admin') && (
            <span className="fin-row-actions">
              <button type="button" className="btn" onClick={() => setDialog('category')}>
                New category
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => setDialog('asset')}
                disabled={(categories.data?.items.length ?? 0) === 0}
              >
                New asset
              </button>
            </span>
          )
        }
      />
      {can('finance:admin') && (
        <div className="fin-header-fields">
          <div className="field">
            <label htmlFor="assets-through">Post depreciation through</label>
            <input id="assets-through" type="month" value={through} onChange={(e) => setThrough(e.target.value)} />
          </div>
          <button type="button" className="btn" onClick={() => void runDepreciation()} disabled={!through}>
            Run depreciation
          </button>
        </div>
      )}
      <QueryState query={assets} height="8em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No assets yet">Create a category (its accounts), then register an asset.</EmptyState>
          ) : (
            <div className="table-scroll card">
              <table aria-label="Assets">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Category</th>
                    <th scope="col">In service</th>
                    <th scope="col">Method</th>
                    <th scope="col" className="num">
                      Cost
                    </th>
                    <th scope="col" className="num">
                      Depreciated
                    </th>
                    <th scope="col" className="num">
                      Book value
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((a) => (
                    <tr key={a.id} aria-selected={a.id === selected}>
                      <td>
                        <button type="button" className="btn-link" onClick={() => setSelected(a.id)}>
                          {a.name}
                        </button>
                        {a.lastError && <div className="muted">{a.lastError}</div>}
                      </td>
                      <td>{a.categoryName}</td>
                      <td>{a.inServiceDate}</td>
                      <td>
                        {methodLabel(a.method, a.rate)}, {a.usefulLifeMonths} months
                      </td>
                      <td className="num">
                        <Money amount={a.cost} currency={a.currency} />
                      </td>
                      <td className="num">
                        <Money amount={a.accumulatedDepreciation} currency={a.currency} />
                      </td>
                      <td className="num">
                        <Money amount={a.bookValue} currency={a.currency} />
                      </td>
                      <td>{a.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {current && <ScheduleView asset={current} onChanged={refresh} />}
      <Dialog open={dialog === 'asset'} title="New asset" onClose={() => setDialog(null)}>
        {dialog === 'asset' && (
          <AssetForm
            categories={categories.data?.items ?? []}
            onDone={async (id) => {
              setDialog(null);
              setSelected(id);
              await refresh();
            }}
          />
        )}
      </Dialog>
      <Dialog open={dialog === 'category'} title="New asset category" onClose={() => setDialog(null)}>
        {dialog === 'category' && (
          <CategoryForm
            onDone={async () => {
              setDialog(null);
              await refresh();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function ScheduleView({ asset, onChanged }: { asset: Asset; onChanged: () => Promise<void> }) {
  const { can } = useAuth();
  const toast = useToast();
  const schedule = useQuery({
    queryKey: keys.schedule(asset.id, asset.version),
    queryFn: () => unwrap(api.GET('/api/v1/finance/assets/{id}/schedule', { params: { path: { id: asset.id } } })),
  });
  const activate = async () => {
    try {
      await unwrap(
        api.POST('/api/v1/finance/assets/{id}/activate', {
          params: { path: { id: asset.id } },
          body: { version: asset.version },
        }),
      );
      toast.success(`${asset.name} is in service.`);
      await onChanged();
    } catch (error) {
      toast.error(error);
    }
  };
  return (
    <section className="card" aria-label={`Depreciation schedule of ${asset.name}`}>
      <h2>
        {asset.name}: depreciation schedule
        {asset.status === 'draft' && can('finance:admin') && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => void activate()}>
            Put in service
          </button>
        )}
      </h2>
      {asset.depreciatedThrough && (
        <p className="muted">
          Brought in with <Money amount={asset.openingAccumulatedDepreciation} currency={asset.currency} /> depreciated
          through {asset.depreciatedThrough.slice(0, 7)}; the schedule continues from the month after.
        </p>
      )}
      {asset.status === 'active' && can('finance:admin') && <DisposeForm asset={asset} onDone={onChanged} />}
      {asset.status === 'disposed' && (
        <p className="muted">
          Disposed of on {asset.disposalDate} for <Money amount={asset.disposalProceeds} currency={asset.currency} />.
        </p>
      )}
      <QueryState query={schedule} height="6em">
        {(s) => (
          <div className="table-scroll">
            <table aria-label="Depreciation schedule">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">
                    Depreciation
                  </th>
                  <th scope="col" className="num">
                    Accumulated
                  </th>
                  <th scope="col" className="num">
                    Book value
                  </th>
                  <th scope="col">Posted</th>
                </tr>
              </thead>
              <tbody>
                {s.months.map((m) => (
                  <tr key={m.period}>
                    <td>{m.period}</td>
                    <td className="num">
                      <Money amount={m.amount} currency={s.currency} />
                    </td>
                    <td className="num">
                      <Money amount={m.accumulated} currency={s.currency} />
                    </td>
                    <td className="num">
                      <Money amount={m.bookValue} currency={s.currency} />
                    </td>
                    <td>{m.posted ? 'Yes' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}

function AssetForm({ categories, onDone }: { categories: AssetCategory[]; onDone: (id: string) => Promise<void> }) {
  const id = useId();
  const toast = useToast();
  const [v, setV] = useState({
    name: '',
    categoryId: categories[0]?.id ?? '',
    cost: '',
    residualValue: '0',
    acquisitionDate: today(),
    inServiceDate: '',
    usefulLifeMonths: '',
    method: '' as Method | '',
    rate: '',
    openingAccumulatedDepreciation: '',
    depreciatedThrough: '',
  });
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const opening = v.openingAccumulatedDepreciation.trim();
  const problem = !v.name.trim()
    ? 'Name the asset.'
    : !AMOUNT.test(v.cost.trim())
      ? 'The cost is an amount such as 1250.00.'
      : !AMOUNT.test(v.residualValue.trim())
        ? 'The residual value is an amount.'
        : v.usefulLifeMonths !== '' && !/^\d{1,4}$/.test(v.usefulLifeMonths)
          ? 'The useful life is a number of months.'
          : v.method === 'declining-balance' && !RATE.test(v.rate.trim())
            ? 'Declining balance needs a yearly rate such as 0.4.'
            : opening !== '' && !AMOUNT.test(opening)
              ? 'The depreciation before these books is an amount.'
              : (opening !== '') !== (v.depreciatedThrough !== '')
                ? 'Give both the depreciation before these books and the month it runs through.'
                : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    try {
      const asset = await unwrap(
        api.POST('/api/v1/finance/assets', {
          body: {
            name: v.name.trim(),
            categoryId: v.categoryId,
            cost: v.cost.trim(),
            residualValue: v.residualValue.trim(),
            acquisitionDate: v.acquisitionDate,
            ...(v.inServiceDate ? { inServiceDate: v.inServiceDate } : {}),
            ...(v.usefulLifeMonths ? { usefulLifeMonths: Number(v.usefulLifeMonths) } : {}),
            ...(v.method ? { method: v.method } : {}),
            ...(v.method === 'declining-balance' ? { rate: v.rate.trim() } : {}),
            openingAccumulatedDepreciation: opening || '0',
            ...(v.depreciatedThrough ? { depreciatedThrough: v.depreciatedThrough } : {}),
          },
        }),
      );
      toast.success(`${asset.name} registered (a draft: put it in service to depreciate it).`);
      await onDone(asset.id);
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  const text = (
    key: keyof typeof v,
    label: string,
    extra: { type?: string; inputMode?: 'decimal' | 'numeric' } = {},
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={v[key]} {...extra} onChange={(e) => set({ [key]: e.target.value })} />
    </div>
  );
  return (
    <form className="fin-form" onSubmit={(e) => void submit(e)} aria-label="Asset">
      {text('name', 'Name')}
      <div className="field">
        <label htmlFor={`${id}-category`}>Category</label>
        <select id={`${id}-category`} value={v.categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({methodLabel(c.method, c.rate)}, {c.usefulLifeMonths} months)
            </option>
          ))}
        </select>
      </div>
      <div className="fin-header-fields">
        {text('cost', 'Cost', { inputMode: 'decimal' })}
        {text('residualValue', 'Residual value', { inputMode: 'decimal' })}
      </div>
      <div className="fin-header-fields">
        {text('acquisitionDate', 'Acquired on', { type: 'date' })}
        {text('inServiceDate', 'In service from (default: acquired on)', { type: 'date' })}
      </div>
      <div className="fin-header-fields">
        {text('usefulLifeMonths', "Useful life, months (default: the category's)", { inputMode: 'numeric' })}
        <div className="field">
          <label htmlFor={`${id}-method`}>Method</label>
          <select id={`${id}-method`} value={v.method} onChange={(e) => set({ method: e.target.value as Method | '' })}>
            <option value="">The category&apos;s</option>
            <option value="straight-line">Straight line</option>
            <option value="declining-balance">Declining balance</option>
          </select>
        </div>
        {v.method === 'declining-balance' && text('rate', 'Yearly rate (0.4 = 40 %)', { inputMode: 'decimal' })}
      </div>
      <div className="fin-header-fields">
        {text('openingAccumulatedDepreciation', 'Depreciated before these books (optional)', {
          inputMode: 'decimal',
        })}
        {text('depreciatedThrough', 'Depreciated through (a day of the month)', { type: 'date' })}
      </div>
      {problem && (
        <p className="muted" role="status">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || problem !== null}>
          Save asset
        </button>
      </div>
    </form>
  );
}

function CategoryForm({ onDone }: { onDone: () => Promise<void> }) {
  const id = useId();
  const toast = useToast();
  const accounts = useAccounts();
  const assetOptions = postableOptions(accounts.data?.items, (a) => a.type === 'asset');
  const expenseOptions = postableOptions(accounts.data?.items, (a) => a.type === 'expense');
  const byCode = (code: string) => accounts.data?.items.find((a) => a.code === code)?.id ?? '';
  const [v, setV] = useState({
    name: '',
    assetAccountId: '',
    accumulatedAccountId: '',
    expenseAccountId: '',
    usefulLifeMonths: '60',
    method: 'straight-line' as Method,
    rate: '',
  });
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const chosen = {
    assetAccountId: v.assetAccountId || byCode('1600'),
    accumulatedAccountId: v.accumulatedAccountId || byCode('1650'),
    expenseAccountId: v.expenseAccountId || byCode('6700'),
  };
  const problem = !v.name.trim()
    ? 'Name the category.'
    : !chosen.assetAccountId || !chosen.accumulatedAccountId || !chosen.expenseAccountId
      ? 'Choose the three accounts.'
      : !/^\d{1,4}$/.test(v.usefulLifeMonths)
        ? 'The useful life is a number of months.'
        : v.method === 'declining-balance' && !RATE.test(v.rate.trim())
          ? 'Declining balance needs a yearly rate such as 0.4.'
          : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/finance/asset-categories', {
          body: {
            name: v.name.trim(),
            ...chosen,
            usefulLifeMonths: Number(v.usefulLifeMonths),
            method: v.method,
            rate: v.method === 'declining-balance' ? v.rate.trim() : null,
          },
        }),
      );
      toast.success(`Category ${v.name.trim()} saved.`);
      await onDone();
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  const accountSelect = (key: keyof typeof chosen, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={chosen[key]} onChange={(e) => set({ [key]: e.target.value })}>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form className="fin-form" onSubmit={(e) => void submit(e)} aria-label="Asset category">
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={v.name} maxLength={100} onChange={(e) => set({ name: e.target.value })} />
      </div>
      {accountSelect('assetAccountId', 'Asset account (cost)', assetOptions)}
      {accountSelect('accumulatedAccountId', 'Accumulated depreciation account', assetOptions)}
      {accountSelect('expenseAccountId', 'Depreciation expense account', expenseOptions)}
      <div className="fin-header-fields">
        <div className="field">
          <label htmlFor={`${id}-life`}>Useful life (months)</label>
          <input
            id={`${id}-life`}
            inputMode="numeric"
            value={v.usefulLifeMonths}
            onChange={(e) => set({ usefulLifeMonths: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-method`}>Method</label>
          <select id={`${id}-method`} value={v.method} onChange={(e) => set({ method: e.target.value as Method })}>
            <option value="straight-line">Straight line</option>
            <option value="declining-balance">Declining balance</option>
          </select>
        </div>
        {v.method === 'declining-balance' && (
          <div className="field">
            <label htmlFor={`${id}-rate`}>Yearly rate (0.4 = 40 %)</label>
            <input
              id={`${id}-rate`}
              inputMode="decimal"
              value={v.rate}
              onChange={(e) => set({ rate: e.target.value })}
            />
          </div>
        )}
      </div>
      {problem && (
        <p className="muted" role="status">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || problem !== null}>
          Save category
        </button>
      </div>
    </form>
  );
}

/** Disposal: depreciation through the month, then cost and depreciation out, the gain or loss to 4900 (by default). */
function DisposeForm({ asset, onDone }: { asset: Asset; onDone: () => Promise<void> }) {
  const id = useId();
  const toast = useToast();
  const accounts = useAccounts();
  const cashOptions = postableOptions(accounts.data?.items, (a) => a.type === 'asset');
  const [v, setV] = useState({ date: today(), proceeds: '0', proceedsAccountId: '' });
  const [busy, setBusy] = useState(false);
  const hasProceeds = AMOUNT.test(v.proceeds.trim()) && Number(v.proceeds) > 0;
  const problem = !AMOUNT.test(v.proceeds.trim())
    ? 'The proceeds are an amount (0 when scrapped).'
    : hasProceeds && !v.proceedsAccountId
      ? 'Choose the account the proceeds went to.'
      : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/finance/assets/{id}/dispose', {
          params: { path: { id: asset.id } },
          body: {
            date: v.date,
            proceeds: v.proceeds.trim(),
            ...(hasProceeds ? { proceedsAccountId: v.proceedsAccountId } : {}),
            version: asset.version,
          },
        }),
      );
      toast.success(`${asset.name} disposed of.`);
      await onDone();
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="fin-header-fields" onSubmit={(e) => void submit(e)} aria-label="Dispose of the asset">
      <div className="field">
        <label htmlFor={`${id}-date`}>Disposal date</label>
        <input id={`${id}-date`} type="date" value={v.date} onChange={(e) => setV({ ...v, date: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-proceeds`}>Proceeds</label>
        <input
          id={`${id}-proceeds`}
          inputMode="decimal"
          value={v.proceeds}
          onChange={(e) => setV({ ...v, proceeds: e.target.value })}
        />
      </div>
      {hasProceeds && (
        <div className="field">
          <label htmlFor={`${id}-account`}>Received in</label>
          <select
            id={`${id}-account`}
            value={v.proceedsAccountId}
            onChange={(e) => setV({ ...v, proceedsAccountId: e.target.value })}
          >
            <option value="">Choose…</option>
            {cashOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {problem && (
        <p className="muted" role="status">
          {problem}
        </p>
      )}
      <button type="submit" className="btn btn-danger" disabled={busy || problem !== null}>
        Dispose
      </button>
    </form>
  );
}
