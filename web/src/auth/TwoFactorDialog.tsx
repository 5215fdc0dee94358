import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { Dialog } from '../components/Dialog';
import { DateText } from '../components/format';
import { Form, FormErrorBanner, SubmitButton, useForm } from '../components/form';
import { QueryState } from '../components/QueryState';
import { TextField } from '../components/textFields';
import { useToast } from '../components/toast';
import { useAuth } from './auth';
import { EnrolmentSecret, RecoveryCodesList } from './TwoFactorParts';
import { cleanCode, type Enrolment, type TwoFactorStatus } from './twoFactor';

const statusKey = ['auth', 'me', 'two-factor'] as const;
const sixDigits = (v: { code: string }): Record<string, string> =>
  /^\d{6}$/.test(cleanCode(v.code)) ? {} : { code: 'Six digits.' };

/** Your own two-factor authentication: set it up, new recovery codes, turn it off. */
export function TwoFactorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const status = useQuery({
    queryKey: statusKey,
    queryFn: () => unwrap(api.GET('/api/v1/auth/me/two-factor')),
    enabled: open,
  });
  const [codes, setCodes] = useState<string[] | null>(null);
  const close = () => {
    setCodes(null);
    onClose();
  };
  return (
    <Dialog open={open} title="Two-factor authentication" onClose={close}>
      {codes ? (
        <ShownCodes codes={codes} onDone={close} />
      ) : (
        <QueryState query={status} height="8em">
          {(s) => (s.enabled ? <Enabled status={s} onCodes={setCodes} /> : <SetUp status={s} onCodes={setCodes} />)}
        </QueryState>
      )}
    </Dialog>
  );
}

function ShownCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { user } = useAuth();
  return (
    <>
      <RecoveryCodesList codes={codes} account={user.email} />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={onDone}>
          Done
        </button>
      </div>
    </>
  );
}

function SetUp({ status, onCodes }: { status: TwoFactorStatus; onCodes: (codes: string[]) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { code: '' },
    validate: sixDigits,
    onSubmit: async ({ code }) => {
      const result = await unwrap(
        api.POST('/api/v1/auth/me/two-factor/enrolment/confirm', { body: { code: cleanCode(code) } }),
      );
      await queryClient.invalidateQueries({ queryKey: statusKey });
      toast.success('Two-factor authentication is on.');
      onCodes(result.recoveryCodes);
    },
  });
  const start = async () => {
    setError(null);
    try {
      setEnrolment(await unwrap(api.POST('/api/v1/auth/me/two-factor/enrolment')));
    } catch (e) {
      setError(e);
    }
  };
  if (!enrolment) {
    return (
      <>
        <p>
          Two-factor authentication is <strong>off</strong>. With it on, signing in needs your password and a code from
          an authenticator app on your phone.
        </p>
        {status.requiredBy.length > 0 && (
          <p className="banner banner-info">Your role(s) {status.requiredBy.join(', ')} require it.</p>
        )}
        <FormErrorBanner error={error} />
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => void start()}>
            Set up two-factor authentication
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <EnrolmentSecret enrolment={enrolment} />
      <Form form={form}>
        <TextField
          form={form}
          name="code"
          label="Code from your authenticator app"
          autoComplete="one-time-code"
          required
        />
        <div className="form-actions">
          <SubmitButton form={form} busyLabel="Checking…">
            Turn on
          </SubmitButton>
        </div>
      </Form>
    </>
  );
}

function Enabled({ status, onCodes }: { status: TwoFactorStatus; onCodes: (codes: string[]) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const regenerate = useForm({
    initialValues: { code: '' },
    validate: sixDigits,
    onSubmit: async ({ code }) => {
      const result = await unwrap(
        api.POST('/api/v1/auth/me/two-factor/recovery-codes', { body: { code: cleanCode(code) } }),
      );
      await queryClient.invalidateQueries({ queryKey: statusKey });
      onCodes(result.recoveryCodes);
    },
  });
  const disable = useForm({
    initialValues: { password: '', code: '' },
    validate: (v) => ({
      ...(v.password ? {} : { password: 'Required.' }),
      ...(v.code.trim() ? {} : { code: 'Required.' }),
    }),
    onSubmit: async ({ password, code }) => {
      const value = cleanCode(code);
      const answer = /^\d{6}$/.test(value) ? { code: value } : { recoveryCode: code.trim() };
      await unwrap(api.POST('/api/v1/auth/me/two-factor/disable', { body: { password, ...answer } }));
      await queryClient.invalidateQueries({ queryKey: statusKey });
      toast.success('Two-factor authentication is off.');
    },
  });
  return (
    <>
      <p>
        Two-factor authentication is <strong>on</strong> since <DateText value={status.enabledAt} withTime />.{' '}
        {status.recoveryCodesLeft} recovery code(s) left.
      </p>
      <h3>New recovery codes</h3>
      <Form form={regenerate}>
        <TextField form={regenerate} name="code" label="Current code" autoComplete="one-time-code" required />
        <div className="form-actions">
          <SubmitButton form={regenerate} busyLabel="Checking…">
            Make new recovery codes
          </SubmitButton>
        </div>
      </Form>
      <h3>Turn off</h3>
      {status.requiredBy.length > 0 ? (
        <p className="muted">
          Your role(s) {status.requiredBy.join(', ')} require two-factor authentication. Lost your phone? Use a recovery
          code to sign in, or ask an administrator to reset it.
        </p>
      ) : (
        <Form form={disable}>
          <TextField
            form={disable}
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            required
          />
          <TextField
            form={disable}
            name="code"
            label="Current code or a recovery code"
            autoComplete="one-time-code"
            required
          />
          <div className="form-actions">
            <SubmitButton form={disable} busyLabel="Checking…">
              Turn off two-factor authentication
            </SubmitButton>
          </div>
        </Form>
      )}
    </>
  );
}
