import { Trans, useTranslation } from 'react-i18next';
// The help area: a short index, and "Is my email still linked to an account?", whose screen
// says the same for every address; the answer goes by mail to the address itself.
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { helpApi } from '../api.ts';
import '../styles.css';

export function HelpPage() {
  const { t } = useTranslation('help');
  usePageTitle(t('index.title'));
  const { state } = useMe();
  return (
    <>
      <h1>{t('index.title')}</h1>
      <ul className="help-links">
        <li>
          <Trans t={t} i18nKey="index.emailCheck" components={{ anchor: <Link to="/help/email-check" /> }} />
        </li>
        <li>
          <Trans t={t} i18nKey="index.track" components={{ anchor: <Link to="/track" /> }} />
        </li>
        <li>
          <Trans t={t} i18nKey="index.forgot" components={{ anchor: <Link to="/forgot-password" /> }} />
        </li>
        <li>
          <Trans
            t={t}
            i18nKey="index.support"
            components={{
              anchor: (
                <Link
                  to={
                    state.status === 'signed-in' ? '/account/support/new' : '/sign-in?next=%2Faccount%2Fsupport%2Fnew'
                  }
                />
              ),
            }}
          />
        </li>
      </ul>
    </>
  );
}

export function EmailCheckPage() {
  const { t } = useTranslation('help');
  usePageTitle(t('emailCheck.title'));
  const { pending, error, run } = useRequest();
  const [sent, setSent] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formText(event.currentTarget, 'email').trim();
    const outcome = await run(() => helpApi.checkEmail(email));
    if (outcome.ok) setSent(true);
  }

  return (
    <>
      <h1>{t('emailCheck.title')}</h1>
      {sent ? (
        // The same words for every address, so the page reveals nothing; only the mailbox learns the answer.
        <>
          <StatusMessage>
            <p>{t('emailCheck.sent')}</p>
          </StatusMessage>
          <p>
            <button type="button" className="button button-secondary" onClick={() => setSent(false)}>
              {t('emailCheck.another')}
            </button>
          </p>
        </>
      ) : (
        <>
          <p>{t('emailCheck.intro')}</p>
          <ErrorAlert error={error} formFields={['email']} />
          <form className="form" onSubmit={onSubmit}>
            <TextField
              label={t('auth:fields.email')}
              name="email"
              type="email"
              autoComplete="email"
              required
              error={error?.fields.email}
            />
            <button type="submit" className="button" disabled={pending}>
              {t('emailCheck.submit')}
            </button>
          </form>
        </>
      )}
      <p className="form-aside">
        <Link to="/help">{t('emailCheck.more')}</Link>
      </p>
    </>
  );
}
