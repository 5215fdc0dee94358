import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pager } from '../../../components/Pager';
import { useId, useState } from 'react';
import { api, unwrap, type Schema } from '../../../api';
import { EmptyState, formatDate, PageHeader, QueryState } from '../../../components';
import { addDays, departmentOptions, todayIso, useDepartmentTree } from '../queries';
import '../hr.css';

type Entry = Schema<'LeaveCalendarEntry'>;
type Holiday = Schema<'PublicHoliday'>;

function mondayOf(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  return addDays(iso, -dow);
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 92; d = addDays(d, 1)) out.push(d);
  return out;
}

const isWeekend = (iso: string) => {
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

/** Team calendar: people × days, weekends and public holidays shaded, approved (and pending) leave marked. */
export default function CalendarPage() {
  const uid = useId();
  const [from, setFrom] = useState(() => mondayOf(todayIso()));
  const [to, setTo] = useState(() => addDays(mondayOf(todayIso()), 27));
  const [departmentId, setDepartmentId] = useState('');
  const [includePending, setIncludePending] = useState(true);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const tree = useDepartmentTree();
  const cursor = cursors.at(-1);
  const valid = from <= to && daysBetween(from, to).length <= 92 && addDays(from, 91) >= to;
  const calendar = useQuery({
    queryKey: ['hr', 'calendar', from, to, departmentId, includePending, cursor],
    enabled: valid,
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/leave/calendar', {
          params: {
            query: {
              from,
              to,
              limit: 50,
              includePending: includePending ? 'true' : 'false',
              ...(departmentId ? { departmentId } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
  });
  const reset = () => setCursors([undefined]);
  const shift = (weeks: number) => {
    setFrom(addDays(from, weeks * 7));
    setTo(addDays(to, weeks * 7));
    reset();
  };
  const days = valid ? daysBetween(from, to) : [];
  const nobody = <EmptyState title="Nobody to show for this period" />;
  return (
    <>
      <PageHeader
        title="Team calendar"
        description="Who is away: the people whose records you see (yourself, your team; everyone for HR)."
      />
      <div className="toolbar" role="search" aria-label="Calendar period">
        <div className="filter">
          <label htmlFor={`${uid}-from`}>From</label>
          <input id={`${uid}-from`} type="date" value={from} onChange={(e) => (setFrom(e.target.value), reset())} />
        </div>
        <div className="filter">
          <label htmlFor={`${uid}-to`}>To</label>
          <input id={`${uid}-to`} type="date" value={to} onChange={(e) => (setTo(e.target.value), reset())} />
        </div>
        <div className="filter">
          <label htmlFor={`${uid}-dep`}>Department</label>
          <select id={`${uid}-dep`} value={departmentId} onChange={(e) => (setDepartmentId(e.target.value), reset())}>
            <option value="">All</option>
            {departmentOptions(tree.data?.items ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <label className="field-check">
          <input
            type="checkbox"
            checked={includePending}
            onChange={(e) => (setIncludePending(e.target.checked), reset())}
          />
          Show requests waiting for approval
        </label>
        <div className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => shift(-1)}>
          ← Week
        </button>
        <button type="button" className="btn" onClick={() => shift(1)}>
          Week →
        </button>
      </div>
      {!valid && (
        <div className="banner banner-warning" role="alert">
          Choose a period of at most 92 days, ending after it starts.
        </div>
      )}
      <div className="hr-legend" aria-hidden="true">
        <span className="l-leave">Leave</span>
        <span className="l-pending">Waiting for approval</span>
        <span className="l-off">Weekend</span>
        <span className="l-holiday">Public holiday</span>
      </div>
      <section className="card">
        {/* An invalid period asks nothing: then there is nobody to show. */}
        <QueryState query={calendar} height="12em" loading={valid ? undefined : nobody}>
          {(c) =>
            c.items.length === 0 ? (
              nobody
            ) : (
              <Grid days={days} entries={c.items} holidays={c.holidays} busy={calendar.isFetching} />
            )
          }
        </QueryState>
        <Pager
          label="Calendar pages"
          cursors={cursors}
          setCursors={setCursors}
          nextCursor={calendar.data?.nextCursor}
          busy={calendar.isFetching}
        />
      </section>
    </>
  );
}

function Grid({
  days,
  entries,
  holidays,
  busy,
}: {
  days: string[];
  entries: Entry[];
  holidays: Holiday[];
  busy: boolean;
}) {
  const holidayAt = new Map(holidays.map((h) => [`${h.locationId}|${h.date}`, h.name]));
  const anyHoliday = new Map<string, string>();
  for (const h of holidays) anyHoliday.set(h.date, h.name);
  return (
    <div className="table-scroll">
      <table className="hr-cal" aria-label="Leave by person and day" aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col">Person</th>
            {days.map((d) => (
              <th
                key={d}
                scope="col"
                className={isWeekend(d) ? 'hr-off' : anyHoliday.has(d) ? 'hr-holiday' : undefined}
                title={anyHoliday.get(d) ?? formatDate(d)}
              >
                <span aria-hidden="true">
                  {new Date(`${d}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'narrow', timeZone: 'UTC' })}
                  <br />
                  {Number(d.slice(8))}
                </span>
                <span className="visually-hidden">{formatDate(d)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const name = `${e.employee.firstName} ${e.employee.lastName}`;
            return (
              <tr key={e.employee.id}>
                <th scope="row">{name}</th>
                {days.map((d) => {
                  const leave = e.leave.find((l) => l.startDate <= d && d <= l.endDate);
                  const holiday = e.employee.locationId ? holidayAt.get(`${e.employee.locationId}|${d}`) : undefined;
                  const weekend = isWeekend(d);
                  const half =
                    leave &&
                    ((leave.startDate === d && leave.startPortion === 'pm') ||
                      (leave.endDate === d && leave.endPortion === 'am'));
                  let className: string | undefined;
                  let label = '';
                  if (weekend) className = 'hr-off';
                  else if (holiday) {
                    className = 'hr-holiday';
                    label = holiday;
                  } else if (leave) {
                    className =
                      leave.status === 'approved' ? (half ? 'hr-leave hr-half' : 'hr-leave') : 'hr-leave-pending';
                    label = `${leave.leaveType.name}${leave.status === 'submitted' ? ' (waiting for approval)' : ''}${half ? ', half day' : ''}`;
                  }
                  return (
                    <td key={d} className={className} title={label ? `${name}: ${label}` : undefined}>
                      {leave && !weekend && !holiday ? (
                        <>
                          <span aria-hidden="true">{leave.leaveType.code.slice(0, 2).toUpperCase()}</span>
                          <span className="visually-hidden">
                            {formatDate(d)}: {label}
                          </span>
                        </>
                      ) : holiday ? (
                        <span className="visually-hidden">
                          {formatDate(d)}: {holiday}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
