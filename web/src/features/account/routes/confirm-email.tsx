import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { accountApi } from '../api.ts';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

export function ConfirmEmailPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('confirmEmail.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useMe();
  const { pending, error, run } = useRequest();
  const [confirmed, setConfirmed] = useState(false);

  // A POST behind a button, like email verification, so link scanners change nothing.
  async function confirm() {
    const outcome = await run(() => accountApi.confirmEmailChange(token));
    if (!outcome.ok) return;
    setConfirmed(true);
    void refresh();
  }

  return (
    <>
      <h1>{t('confirmEmail.title')}</h1>
      {confirmed ? (
        <StatusMessage>
          <p>{t('confirmEmail.changed')}</p>
        </StatusMessage>
      ) : token === '' ? (
        <div role="alert" className="notice notice-error">
          <p>{t('confirmEmail.invalid')}</p>
        </div>
      ) : (
        <>
          <ErrorAlert error={error} />
          <p>{t('confirmEmail.intro')}</p>
          <button type="button" className="button" onClick={confirm} disabled={pending}>
            {t('confirmEmail.submit')}
          </button>
        </>
      )}
    </>
  );
}
