import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useAuth } from '../auth/auth';
import { Dialog } from '../components/Dialog';
import { Keys, useRegisteredShortcuts, useShortcuts, type Shortcut } from '../components/shortcuts';
import { modules } from '../modules/registry';

/** The order of the help dialog's groups; pages' own groups follow. */
const GROUPS = ['General', 'Go to', 'Lists', 'This page'];

/**
 * The app-wide shortcuts: `?` opens this help (every shortcut in force, the page's too), `g` then a
 * letter goes to a module (each module names its letter in the registry: `shortcut`), `g h` home.
 */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const { canUseModule } = useAuth();
  const goTo: Shortcut[] = [
    { keys: 'g h', description: 'Go to the dashboard', group: 'Go to', run: () => void navigate({ to: '/' }) },
    ...modules
      .filter((m) => m.shortcut && canUseModule(m.permissionPrefix))
      .map((m): Shortcut => ({
        keys: `g ${m.shortcut}`,
        description: `Go to ${m.label}`,
        group: 'Go to',
        run: () => void navigate({ to: m.basePath }),
      })),
  ];
  useShortcuts([
    { keys: '?', description: 'Show keyboard shortcuts', group: 'General', run: () => setOpen(true) },
    ...goTo,
  ]);
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost shortcuts-button"
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">⌨</span>
        <span className="visually-hidden">Keyboard shortcuts</span>
      </button>
      <Dialog
        open={open}
        title="Keyboard shortcuts"
        onClose={() => setOpen(false)}
        footer={
          <button type="button" className="btn" onClick={() => setOpen(false)} autoFocus>
            Close
          </button>
        }
      >
        {open && <ShortcutList />}
      </Dialog>
    </>
  );
}

function ShortcutList() {
  const shortcuts = useRegisteredShortcuts();
  const groups = [...new Set([...GROUPS, ...shortcuts.map((s) => s.group)])]
    .map((group) => ({ group, items: shortcuts.filter((s) => s.group === group) }))
    .filter((g) => g.items.length > 0);
  return (
    <>
      <p className="muted">Shortcuts work when you are not typing in a field.</p>
      {groups.map(({ group, items }) => (
        <section key={group} aria-label={group}>
          <h3 className="shortcut-help-group">{group}</h3>
          <table className="shortcut-help">
            <tbody>
              {items.map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <Keys keys={s.keys} />
                  </th>
                  <td>{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
