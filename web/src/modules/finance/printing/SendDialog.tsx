import { useState } from 'react';
import type { Schema } from '../../../api';
import { Dialog, Form, SubmitButton, TextareaField, TextField, useForm, useToast } from '../../../components';

export type DocumentSend = Schema<'DocumentSend'>;
export type SendBody = Schema<'SendDocumentRequest'>;

const addresses = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What a send answers with: at least its recipients (Finance's send log entry, Supply's quotation send). */
interface Sent {
  to: string[];
}

/**
 * "Send by email": recipients (the party's email by default), cc, and an optional subject and text
 * (left empty, the template's from Finance → Company and documents). The PDF is attached by the server.
 * Generic over what `send` answers, so other modules' documents (Supply's quotations) use it too.
 */
export function SendButton<T extends Sent = DocumentSend>({
  what,
  defaultTo,
  send,
  onSent,
  disabled,
}: {
  what: string;
  defaultTo: string | null;
  send: (body: SendBody) => Promise<T>;
  onSent: (sent: T) => void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)} disabled={disabled}>
        Send by email
      </button>
      <Dialog open={open} title={`Send ${what} by email`} onClose={() => setOpen(false)}>
        {open && (
          <SendForm
            what={what}
            defaultTo={defaultTo}
            send={send}
            onDone={(sent) => {
              setOpen(false);
              onSent(sent);
            }}
            onCancel={() => setOpen(false)}
          />
        )}
      </Dialog>
    </>
  );
}

function SendForm<T extends Sent>({
  what,
  defaultTo,
  send,
  onDone,
  onCancel,
}: {
  what: string;
  defaultTo: string | null;
  send: (body: SendBody) => Promise<T>;
  onDone: (sent: T) => void;
  onCancel: () => void;
}) {
  const toast = useToast();
  const form = useForm({
    initialValues: { to: defaultTo ?? '', cc: '', subject: '', message: '' },
    validate: (v) => {
      const errors: Record<string, string> = {};
      const to = addresses(v.to);
      if (to.length === 0) errors.to = 'At least one recipient.';
      else if (!to.every((a) => EMAIL.test(a))) errors.to = 'Email addresses separated by commas.';
      if (!addresses(v.cc).every((a) => EMAIL.test(a))) errors.cc = 'Email addresses separated by commas.';
      return errors;
    },
    onSubmit: async (v) => {
      const cc = addresses(v.cc);
      const sent = await send({
        to: addresses(v.to),
        ...(cc.length > 0 ? { cc } : {}),
        ...(v.subject.trim() ? { subject: v.subject.trim() } : {}),
        ...(v.message.trim() ? { message: v.message } : {}),
      });
      toast.success(`The ${what} is on its way to ${sent.to.join(', ')}.`);
      onDone(sent);
    },
  });
  return (
    <Form form={form}>
      <TextField form={form} name="to" label="To" required hint="Separate several addresses with commas." />
      <TextField form={form} name="cc" label="Cc" />
      <TextField form={form} name="subject" label="Subject" maxLength={200} hint="Empty: the template's subject." />
      <TextareaField form={form} name="message" label="Message" rows={6} hint="Empty: the template's text." />
      <p className="muted">The PDF is attached.</p>
      <div className="form-actions">
        <SubmitButton form={form}>Send</SubmitButton>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Form>
  );
}
