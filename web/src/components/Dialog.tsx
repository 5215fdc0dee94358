import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert (focus
 * stays inside), Escape closes it, focus returns to the opener afterwards.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement as HTMLElement | null;
      dialog.showModal();
      return () => opener?.focus?.();
    }
    if (!open && dialog.open) dialog.close();
    return undefined;
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <div className="dialog-body">{children}</div>
          {footer && <div className="dialog-footer">{footer}</div>}
        </>
      )}
    </dialog>
  );
}

export interface ConfirmOptions {
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  /** The button that answers no (default "Cancel"). */
  cancelLabel?: string;
  /** Red confirm button for destructive actions (default true). */
  danger?: boolean;
}

/** An accessible confirmation dialog; prefer the `useConfirm()` hook. */
export function ConfirmDialog({
  options,
  onAnswer,
}: {
  options: ConfirmOptions | null;
  onAnswer: (confirmed: boolean) => void;
}) {
  return (
    <Dialog
      open={options !== null}
      title={options?.title ?? ''}
      onClose={() => onAnswer(false)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => onAnswer(false)} autoFocus>
            {options?.cancelLabel ?? 'Cancel'}
          </button>
          <button
            type="button"
            className={options?.danger === false ? 'btn btn-primary' : 'btn btn-danger'}
            onClick={() => onAnswer(true)}
          >
            {options?.confirmLabel ?? 'Confirm'}
          </button>
        </>
      }
    >
      {options?.message}
    </Dialog>
  );
}

const ConfirmContext = createContext<((options: ConfirmOptions) => Promise<boolean>) | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<{ options: ConfirmOptions; resolve: (ok: boolean) => void } | null>(null);
  const confirm = useCallback(
    (options: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ options, resolve })),
    [],
  );
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <ConfirmDialog
        options={pending?.options ?? null}
        onAnswer={(ok) => {
          pending?.resolve(ok);
          setPending(null);
        }}
      />
    </ConfirmContext.Provider>
  );
}

/**
 * `const confirm = useConfirm();`
 * `if (await confirm({ title: 'Delete role?', message: '…', confirmLabel: 'Delete' })) { … }`
 */
export function useConfirm(): (options: ConfirmOptions) => Promise<boolean> {
  const ctx = useContext(ConfirmContext);
  if (!ctx) throw new Error('useConfirm outside ConfirmProvider');
  return ctx;
}
