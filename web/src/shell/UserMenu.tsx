import { useEffect, useRef, useState } from 'react';
import { useAuth } from '../auth/auth';
import { TwoFactorDialog } from '../auth/TwoFactorDialog';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { getTheme, setTheme, type Theme } from './theme';

/** The signed-in user's menu: who, change password, two-factor, theme, the API docs, sign out. A disclosure (Escape / outside click closes). */
export function UserMenu() {
  const { user, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const [securing, setSecuring] = useState(false);
  const [theme, setThemeState] = useState<Theme>(getTheme);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const initials = user.name
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="user-menu" ref={ref}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost user-button"
        aria-expanded={open}
        aria-controls="user-menu-panel"
        onClick={() => setOpen(!open)}
      >
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="user-name">{user.name}</span>
        <span className="visually-hidden">: account menu</span>
      </button>
      {open && (
        <div id="user-menu-panel" className="menu-panel menu-right">
          <div className="menu-who">
            <strong>{user.name}</strong>
            <span className="muted">{user.email}</span>
          </div>
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              setOpen(false);
              setChanging(true);
            }}
          >
            Change password
          </button>
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              setOpen(false);
              setSecuring(true);
            }}
          >
            Two-factor authentication
          </button>
          <fieldset className="menu-theme">
            <legend>Theme</legend>
            {(['system', 'light', 'dark'] as const).map((t) => (
              <label key={t} className="field-check">
                <input
                  type="radio"
                  name="theme"
                  value={t}
                  checked={theme === t}
                  onChange={() => {
                    setTheme(t);
                    setThemeState(t);
                  }}
                />
                {t === 'system' ? 'Like my device' : t === 'light' ? 'Light' : 'Dark'}
              </label>
            ))}
          </fieldset>
          <a className="menu-item" href="/api/docs" target="_blank" rel="noopener">
            API documentation
          </a>
          <button type="button" className="menu-item" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      )}
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
      <TwoFactorDialog open={securing} onClose={() => setSecuring(false)} />
    </div>
  );
}
