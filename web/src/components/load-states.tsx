import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';
import { describeError } from '../lib/form-error.ts';

export function Loading({ children }: { children: string }) {
  return (
    <p role="status" className="loading">
      {children}
    </p>
  );
}

/** A failed load, in plain words, with a way to try again. */
export function LoadError({ error, what, onRetry }: { error: ApiError; what: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice-error load-error">
      <p>
        {t('load.couldNotLoad', { what })} {describeError(error).message}
      </p>
      <button type="button" className="button button-secondary" onClick={onRetry}>
        {t('load.tryAgain')}
      </button>
    </div>
  );
}
