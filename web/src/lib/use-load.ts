import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import i18next from 'i18next';
import { ApiError } from '../api/client.ts';

export type Loadable<T> =
  /** `stale` is the last data loaded for an earlier key, to keep on screen while the new one loads. */
  { status: 'loading'; stale: T | undefined } | { status: 'loaded'; data: T } | { status: 'failed'; error: ApiError };

type Settled<T> = { key: string; attempt: number; result: Loadable<T>; last: T | undefined };

/**
 * Loads data for `key` (for example a URL) and loads again whenever the key changes; a request
 * for an older key is aborted, so a slow answer never replaces a newer one. `retry` repeats it.
 */
export function useLoad<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): { state: Loadable<T>; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const fetchData = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    fetchData(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, attempt, result: { status: 'loaded', data }, last: data });
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        const error =
          failure instanceof ApiError ? failure : new ApiError(0, 'UNKNOWN', i18next.t('errors:general.serverFault'));
        setSettled((previous) => ({ key, attempt, result: { status: 'failed', error }, last: previous?.last }));
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = settled !== null && settled.key === key && settled.attempt === attempt;
  const state: Loadable<T> = current ? settled.result : { status: 'loading', stale: settled?.last };
  return { state, retry };
}
