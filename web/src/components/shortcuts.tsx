import { useNavigate } from '@tanstack/react-router';
import {
  createContext,
  Fragment,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import './shortcuts.css';

/**
 * One keyboard shortcut: a key as `KeyboardEvent.key` gives it (`n`, `?`, `/`, `j`), or a sequence of
 * two keys separated by a space (`g c`: press g, then c within 1.5 s).
 */
export interface Shortcut {
  keys: string;
  /** What it does, as the help dialog (`?`) lists it: "Go to CRM", "New organization". */
  description: string;
  /** Its heading in the help dialog (default "This page"). */
  group?: string;
  run: () => void;
  /** Also while typing in a field (default: keys typed in fields are the field's). */
  inFields?: boolean;
  /** Only when this says so at the key press (otherwise the key does what it would anyway). */
  when?: () => boolean;
}

interface Entry {
  id: number;
  keys: string;
  description: string;
  group: string;
  inFields: boolean;
  run: () => void;
  when: () => boolean;
}

/** How long the second key of a sequence (`g` then `c`) may wait. */
const SEQUENCE_MS = 1500;

/**
 * The shortcuts in force: everything mounted registers its own while mounted (`useShortcuts`); the
 * latest registered of the same keys wins, so a page can take over a key of the shell.
 */
class ShortcutRegistry {
  private entries: Entry[] = [];
  private listeners = new Set<() => void>();
  private nextId = 1;
  private snapshot: readonly Entry[] = [];

  register(shortcut: Omit<Entry, 'id'>): () => void {
    const entry = { ...shortcut, id: this.nextId++ };
    this.entries = [...this.entries, entry];
    this.changed();
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
      this.changed();
    };
  }

  /** Every shortcut in force, in registration order (one per keys: the latest). */
  list = (): readonly Entry[] => this.snapshot;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The shortcut for these keys (the latest registered), if any. */
  find(keys: string, typing: boolean): Entry | undefined {
    return this.entries.findLast((e) => e.keys === keys && (!typing || e.inFields) && e.when());
  }

  /** Whether some shortcut is a sequence starting with this key. */
  startsSequence(key: string, typing: boolean): boolean {
    return this.entries.some((e) => e.keys.startsWith(`${key} `) && (!typing || e.inFields));
  }

  private changed() {
    const seen = new Map<string, Entry>();
    for (const e of this.entries) {
      seen.delete(e.keys);
      seen.set(e.keys, e);
    }
    this.snapshot = [...seen.values()].sort((a, b) => a.id - b.id);
    for (const l of this.listeners) l();
  }
}

const RegistryContext = createContext<ShortcutRegistry | null>(null);

/** Whether the key goes into what has focus: a text field, a select, or editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
  return false;
}

/**
 * Holds the shortcuts and listens for them (one keydown listener for the whole app). Keys typed in
 * fields are left alone, and so is any key pressed with Ctrl, Alt or Meta (the browser's and the
 * system's); Shift is allowed (`?`). While a modal dialog is open only the dialog gets keys.
 */
export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const registry = useMemo(() => new ShortcutRegistry(), []);
  useEffect(() => {
    let pending: { key: string; timer: number } | null = null;
    const clearPending = () => {
      if (pending) window.clearTimeout(pending.timer);
      pending = null;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.repeat) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return clearPending();
      if (document.querySelector('dialog[open]')) return clearPending();
      const typing = isTypingTarget(e.target);
      if (pending) {
        const first = pending.key;
        clearPending();
        const match = registry.find(`${first} ${e.key}`, typing);
        if (match) {
          e.preventDefault();
          match.run();
          return;
        }
      }
      if (e.key.length === 1 && e.key !== ' ' && registry.startsSequence(e.key, typing)) {
        e.preventDefault();
        pending = { key: e.key, timer: window.setTimeout(clearPending, SEQUENCE_MS) };
        return;
      }
      const match = registry.find(e.key, typing);
      if (match) {
        e.preventDefault();
        match.run();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      clearPending();
      document.removeEventListener('keydown', onKey);
    };
  }, [registry]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

function useRegistry(): ShortcutRegistry | null {
  return useContext(RegistryContext);
}

/**
 * Registers shortcuts while the calling component is mounted (outside a `ShortcutsProvider`, e.g. in a
 * unit test, it does nothing). The `run` functions may change on every render; what is listed is
 * registered again only when the keys, descriptions or groups change.
 */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const registry = useRegistry();
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  const signature = shortcuts
    .map((s) => [s.keys, s.description, s.group ?? '', s.inFields ? '1' : ''].join('\u0001'))
    .join('\u0002');
  useEffect(() => {
    if (!registry || signature === '') return undefined;
    const offs = latest.current.map((s, i) =>
      registry.register({
        keys: s.keys,
        description: s.description,
        group: s.group ?? 'This page',
        inFields: s.inFields ?? false,
        run: () => latest.current[i]?.run(),
        when: () => latest.current[i]?.when?.() ?? true,
      }),
    );
    return () => offs.forEach((off) => off());
  }, [registry, signature]);
}

/**
 * `n` opens a list's "new" form: `useNewShortcut('/crm/organizations/new', 'New organization', canWrite)`.
 * Put `{...newShortcutHint('New organization')}` on the page's own "New …" button or link.
 */
export function useNewShortcut(to: string, description: string, enabled = true): void {
  const navigate = useNavigate();
  useShortcuts(enabled ? [{ keys: 'n', description, run: () => void navigate({ to }) }] : []);
}

/** The tooltip and `aria-keyshortcuts` of a control that `n` also triggers. */
export const newShortcutHint = (description: string) => ({
  title: `${description} (n)`,
  'aria-keyshortcuts': 'n',
});

/** The shortcuts in force (for the help dialog), re-rendering as pages register theirs. */
export function useRegisteredShortcuts(): readonly Pick<Entry, 'keys' | 'description' | 'group'>[] {
  const registry = useRegistry();
  return useSyncExternalStore(registry?.subscribe ?? noSubscribe, registry?.list ?? noEntries);
}
const noSubscribe = () => () => undefined;
const noEntries = (): readonly Entry[] => [];

/** A shortcut as keys to press: `g c` shows as <kbd>g</kbd> then <kbd>c</kbd>. */
export function Keys({ keys }: { keys: string }) {
  const parts = keys.split(' ');
  return (
    <span className="keys">
      {parts.map((k, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="keys-then"> then </span>}
          <kbd>{k}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
