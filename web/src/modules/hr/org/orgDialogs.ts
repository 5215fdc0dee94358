import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { listQueryKey, useConfirm, useToast } from '../../../components';
import { hrKeys } from '../queries';

// What the organization's edit dialogs (departments, positions, locations) share.

/** A department's or position's optional short code. */
export const codeRule = z
  .string()
  .trim()
  .max(20)
  .regex(/^[A-Za-z0-9_.-]*$/, 'Letters, digits, dot, dash and underscore.');

/** After a change: reload every organization list (the tree, the pickers and the tables). */
export function useOrgSaved() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: hrKeys.departmentTree }),
      queryClient.invalidateQueries({ queryKey: hrKeys.allPositions }),
      queryClient.invalidateQueries({ queryKey: hrKeys.allLocations }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.positions) }),
      queryClient.invalidateQueries({ queryKey: listQueryKey(hrKeys.locations) }),
    ]);
  };
}

/**
 * The dialogs' Delete: asks first, deletes, refreshes the organization queries, says so and closes;
 * a refusal (in use: 409) is kept in `error` for the form's banner. `null` while creating.
 */
export function useConfirmedDelete(
  action: { title: string; message: string; remove: () => Promise<unknown>; deleted: string; after: () => void } | null,
) {
  const toast = useToast();
  const confirm = useConfirm();
  const saved = useOrgSaved();
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    if (!action) return;
    if (!(await confirm({ title: action.title, message: action.message, confirmLabel: 'Delete' }))) return;
    try {
      await action.remove();
      await saved();
      toast.success(action.deleted);
      action.after();
    } catch (e) {
      setError(e);
    }
  };
  return { run, error };
}
