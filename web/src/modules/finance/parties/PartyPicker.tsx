import type { FormState } from '../../../components';
import { PartyPicker as SharedPartyPicker } from '../../../components/PartyPicker';
import { useParty } from '../queries';

/**
 * Finance's customer or vendor field: the shared type-ahead over active parties (a WAI-ARIA
 * combobox, `components/PartyPicker`), bound to the form's `partyId`, saying which party is chosen.
 */
export function PartyPicker<V extends { partyId: string }>({
  form,
  side,
  label,
  required,
  disabled,
}: {
  form: FormState<V>;
  side: 'customer' | 'vendor';
  label: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const partyId = form.values.partyId;
  const selected = useParty(partyId);
  return (
    <SharedPartyPicker
      id={`${form.idPrefix}-partyId`}
      kind={side}
      label={label}
      value={partyId}
      onChange={(id) => form.setValue('partyId', id as V['partyId'])}
      hint={partyId && selected.data ? `Chosen: ${selected.data.name}` : 'Search by name, email or tax id.'}
      error={form.errors.partyId}
      required={required}
      disabled={disabled || form.submitting}
    />
  );
}
