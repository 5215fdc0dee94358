import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schema } from '../../api';
import { DateText, FormErrorBanner, QueryState, useAuth, useConfirm } from '../../components';
import { adminKeys } from './queries';

type User = Schema<'User'>;

/** A user's two-factor status, and (for administrators) resetting it — e.g. after a lost phone. */
export function UserTwoFactorCard({
  user,
  onReset,
  reload,
}: {
  user: User;
  onReset: (user: User, message: string) => Promise<void>;
  reload: () => void;
}) {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const confirm = useConfirm();
  const [error, setError] = useState<unknown>(null);
  const key = [...adminKeys.user(user.id), 'two-factor'];
  const status = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/auth/users/{id}/two-factor', { params: { path: { id: user.id } } })),
  });

  const reset = async () => {
    const ok = await confirm({
      title: `Reset ${user.name}’s two-factor authentication?`,
      message:
        'Their authenticator and recovery codes stop working, and they are signed out everywhere. If a role of theirs requires two-factor, they set it up again at their next sign-in.',
      confirmLabel: 'Reset two-factor',
    });
    if (!ok) return;
    setError(null);
    try {
      const next = await unwrap(
        api.POST('/api/v1/auth/users/{id}/reset-two-factor', {
          params: { path: { id: user.id } },
          body: { version: user.version },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: key });
      await onReset(next, 'Two-factor authentication reset; the user is signed out.');
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card" aria-labelledby="two-factor-h">
      <h2 id="two-factor-h">Two-factor authentication</h2>
      <FormErrorBanner error={error} onReload={reload} />
      <QueryState query={status} height="3em">
        {(s) => (
          <>
            <p>
              {s.enabled ? (
                <>
                  On since <DateText value={s.enabledAt} withTime /> · {s.recoveryCodesLeft} recovery code(s) left
                </>
              ) : (
                'Off'
              )}
              {s.requiredBy.length > 0 && <> · required by {s.requiredBy.join(', ')}</>}
            </p>
            {can('auth:admin') && s.enabled && (
              <div className="form-actions">
                <button type="button" className="btn btn-danger" onClick={() => void reset()}>
                  Reset two-factor
                </button>
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
