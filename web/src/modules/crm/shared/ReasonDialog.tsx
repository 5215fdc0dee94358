import { useId, useState } from 'react';
import { Dialog } from '../../../components';

/** Asks why (an opportunity is lost / won): resolves with the reason, or null when cancelled. */
export function ReasonDialog({
  title,
  label,
  confirmLabel,
  required,
  onDone,
}: {
  title: string;
  label: string;
  confirmLabel: string;
  required: boolean;
  onDone: (reason: string | null) => void;
}) {
  const uid = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const submit = () => {
    if (required && !reason.trim()) {
      setError('Say why.');
      return;
    }
    onDone(reason.trim());
  };
  return (
    <Dialog
      open
      title={title}
      onClose={() => onDone(null)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => onDone(null)}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={submit}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={uid}>
          {label}
          {required && <span aria-hidden="true"> *</span>}
        </label>
        <textarea
          id={uid}
          rows={3}
          value={reason}
          autoFocus
          maxLength={1000}
          onChange={(e) => {
            setReason(e.target.value);
            setError('');
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${uid}-error` : undefined}
          aria-required={required || undefined}
        />
        {error && (
          <p id={`${uid}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}
