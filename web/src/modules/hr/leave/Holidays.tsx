import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { z } from 'zod';
import { api, unwrap } from '../../../api';
import {
  DateField,
  DateText,
  EmptyState,
  Form,
  FormErrorBanner,
  QueryState,
  SelectField,
  SubmitButton,
  TextField,
  useConfirm,
  useForm,
  useToast,
} from '../../../components';
import { useLocations } from '../queries';

const holidaySchema = z.object({
  locationId: z.string().min(1, 'Choose a location.'),
  date: z.string().min(1, 'Required.'),
  name: z.string().trim().min(1, 'Required.').max(100),
});

/** The public holidays of a year (per location or all); remove one, or add one below. */
export function Holidays() {
  const uid = useId();
  const locations = useLocations();
  const queryClient = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [year, setYear] = useState(new Date().getFullYear());
  const [locationId, setLocationId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const holidays = useQuery({
    queryKey: ['hr', 'holidays', year, locationId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/hr/leave/holidays', { params: { query: { year, ...(locationId ? { locationId } : {}) } } }),
      ),
  });
  const names = new Map((locations.data?.items ?? []).map((l) => [l.id, l.name]));
  const form = useForm({
    initialValues: { locationId: '', date: '', name: '' },
    schema: holidaySchema,
    onSubmit: async (body) => {
      await unwrap(api.POST('/api/v1/hr/leave/holidays', { body }));
      await queryClient.invalidateQueries({ queryKey: ['hr', 'holidays'] });
      toast.success(`${body.name} added.`);
      form.reset({ ...body, date: '', name: '' });
    },
  });
  const remove = async (h: { id: string; name: string; date: string }) => {
    if (
      !(await confirm({
        title: `Remove ${h.name}?`,
        message: 'Requests already made keep their day counts.',
        confirmLabel: 'Remove',
      }))
    )
      return;
    setError(null);
    try {
      await unwrap(api.DELETE('/api/v1/hr/leave/holidays/{id}', { params: { path: { id: h.id } } }));
      await queryClient.invalidateQueries({ queryKey: ['hr', 'holidays'] });
      toast.success('Holiday removed.');
    } catch (e) {
      setError(e);
    }
  };
  const locationOptions = (locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }));
  return (
    <section className="card" aria-labelledby="hol-h">
      <h2 id="hol-h">Public holidays</h2>
      <div className="toolbar">
        <div className="filter">
          <label htmlFor={`${uid}-y`}>Year</label>
          <input
            id={`${uid}-y`}
            type="number"
            min={1900}
            max={9999}
            value={year}
            onChange={(e) => setYear(Number(e.target.value) || new Date().getFullYear())}
          />
        </div>
        <div className="filter">
          <label htmlFor={`${uid}-l`}>Location</label>
          <select id={`${uid}-l`} value={locationId} onChange={(e) => setLocationId(e.target.value)}>
            <option value="">All</option>
            {locationOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormErrorBanner error={error} />
      <QueryState query={holidays} height="6em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title={`No public holidays in ${year}`} />
          ) : (
            <div className="table-scroll">
              <table aria-label="Public holidays">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Name</th>
                    <th scope="col">Location</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((h) => (
                    <tr key={h.id}>
                      <td>
                        <DateText value={h.date} />
                      </td>
                      <td>{h.name}</td>
                      <td>{names.get(h.locationId) ?? '…'}</td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-ghost"
                          onClick={() => void remove(h)}
                          aria-label={`Remove ${h.name}`}
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <h3>Add a holiday</h3>
      <Form form={form}>
        <div className="grid-2">
          <SelectField
            form={form}
            name="locationId"
            label="Location"
            required
            placeholder="Choose…"
            options={locationOptions}
          />
          <DateField form={form} name="date" label="Date" required />
          <TextField form={form} name="name" label="Name" required />
        </div>
        <div className="form-actions">
          <SubmitButton form={form}>Add holiday</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
