import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap } from '../api/client';
import { queryClient } from '../api/query';
import { logout, onSessionChange, refreshSession, type Me } from '../api/session';
import { canUseModule, hasPermission, type PermissionCheck } from './permissions';

type AuthState =
  { status: 'loading' } | { status: 'signed-out'; reason?: 'logout' | 'expired' } | { status: 'signed-in'; user: Me };

interface AuthContextValue {
  state: AuthState;
  reloadMe: () => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Holds who is signed in; resumes the session from the stored refresh token on load. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    const off = onSessionChange((event) => {
      if (event.type === 'signed-in') setState({ status: 'signed-in', user: event.user });
      else {
        queryClient.clear();
        setState({ status: 'signed-out', reason: event.reason });
      }
    });
    void refreshSession().then((session) => {
      if (!session) setState((s) => (s.status === 'loading' ? { status: 'signed-out' } : s));
    });
    return off;
  }, []);

  const reloadMe = useCallback(async () => {
    const user = await unwrap(api.GET('/api/v1/auth/me'));
    setState({ status: 'signed-in', user });
  }, []);
  const signOut = useCallback(() => logout(), []);
  const value = useMemo(() => ({ state, reloadMe, signOut }), [state, reloadMe, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuthState(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuthState outside AuthProvider');
  return ctx;
}

/** The signed-in user and permission checks. Only for components rendered inside the signed-in shell. */
export function useAuth() {
  const { state, reloadMe, signOut } = useAuthState();
  if (state.status !== 'signed-in') throw new Error('useAuth needs a signed-in user');
  const { user } = state;
  return {
    user,
    /** `can('auth:admin')` — honours "*" and "module:*". */
    can: (permission: PermissionCheck | undefined) => hasPermission(user.permissions, permission),
    canUseModule: (prefix: string) => canUseModule(user.permissions, prefix),
    reloadMe,
    signOut,
  };
}
