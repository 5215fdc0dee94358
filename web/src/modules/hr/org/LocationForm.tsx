import { z } from 'zod';
import { api, unwrap } from '../../../api';
import { Form, FormErrorBanner, TextField, useForm, useToast } from '../../../components';
import type { Location } from '../queries';
import { useConfirmedDelete, useOrgSaved } from './orgDialogs';

const locationSchema = z.object({
  name: z.string().trim().min(1, 'Required.').max(200),
  countryCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'An ISO 3166-1 alpha-2 code such as FR.'),
  timezone: z.string().trim().max(64),
  city: z.string().max(100),
});

/** A new location (`location` null) or an existing one: save or delete. */
export function LocationForm({ location, onClose }: { location: Location | null; onClose: () => void }) {
  const toast = useToast();
  const saved = useOrgSaved();
  const form = useForm({
    initialValues: {
      name: location?.name ?? '',
      countryCode: location?.countryCode ?? '',
      timezone: location?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      city: location?.address?.city ?? '',
    },
    schema: locationSchema,
    onSubmit: async (v) => {
      const body = {
        name: v.name,
        countryCode: v.countryCode.toUpperCase(),
        ...(v.timezone ? { timezone: v.timezone } : {}),
        address: v.city ? { ...(location?.address ?? {}), city: v.city } : (location?.address ?? null),
      };
      if (location)
        await unwrap(
          api.PATCH('/api/v1/hr/locations/{id}', {
            params: { path: { id: location.id } },
            body: { ...body, version: location.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/hr/locations', { body }));
      await saved();
      toast.success('Location saved.');
      onClose();
    },
  });
  const remove = useConfirmedDelete(
    location && {
      title: `Delete ${location.name}?`,
      message: 'Only a location nobody works at (and without holidays) can be deleted.',
      remove: () =>
        unwrap(
          api.DELETE('/api/v1/hr/locations/{id}', {
            params: { path: { id: location.id }, query: { version: location.version } },
          }),
        ),
      deleted: 'Location deleted.',
      after: onClose,
    },
  );
  return (
    <Form form={form} onReload={onClose}>
      <FormErrorBanner error={remove.error} />
      <TextField form={form} name="name" label="Name" required />
      <TextField form={form} name="countryCode" label="Country code" required maxLength={2} placeholder="FR" />
      <TextField form={form} name="timezone" label="Time zone" placeholder="Europe/Paris" />
      <TextField form={form} name="city" label="City" />
      <div className="dialog-footer">
        {location && (
          <button type="button" className="btn btn-danger" onClick={() => void remove.run()}>
            Delete
          </button>
        )}
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {form.submitting ? 'Saving…' : 'Save'}
        </button>
      </div>
    </Form>
  );
}
