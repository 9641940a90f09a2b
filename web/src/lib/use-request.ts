import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useMe } from './me-context.tsx';
import { describeError, type ErrorWording, type FormError } from './form-error.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false };

/**
 * Runs a form's request: `pending` disables its submit button while it is in flight, and a
 * failure becomes `error` (alert message plus field messages) instead of an exception.
 */
export function useRequest(wording: ErrorWording = {}) {
  const { refresh } = useMe();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  async function run<T>(send: () => Promise<T>): Promise<Outcome<T>> {
    setPending(true);
    setError(null);
    try {
      return { ok: true, value: await send() };
    } catch (failure) {
      setError(describeError(failure, wording));
      // The session ended elsewhere: refreshing lets the account area send the user to sign in.
      if (failure instanceof ApiError && failure.code === 'UNAUTHENTICATED') void refresh();
      return { ok: false };
    } finally {
      setPending(false);
    }
  }

  return { pending, error, run };
}
