import { useTranslation } from 'react-i18next';
import type { SubmitEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../api.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { safeNextPath } from '../safe-next.ts';
import { forgetReturnTo, rememberedReturnTo } from '../return-to.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

const FIELDS = ['email', 'password'] as const;

export function SignInPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('signIn.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refresh } = useMe();
  const { pending, error, run } = useRequest();
  const next = params.get('next');

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = { email: formText(form, 'email').trim(), password: formText(form, 'password') };
    const outcome = await run(async () => {
      await authApi.signIn(input);
      await refresh();
    });
    if (!outcome.ok) return;
    const next = safeNextPath(params.get('next') ?? rememberedReturnTo(), '/account');
    forgetReturnTo();
    navigate(next, { replace: true });
  }

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <ErrorAlert error={error} formFields={FIELDS} />
      <form className="form" onSubmit={onSubmit}>
        <TextField
          label={t('fields.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          error={error?.fields.email}
        />
        <TextField
          label={t('fields.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={error?.fields.password}
        />
        <button type="submit" className="button" disabled={pending}>
          {t('signIn.title')}
        </button>
      </form>
      <ul className="form-links">
        <li>
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </li>
        <li>
          {t('signIn.newToSouk')}{' '}
          <Link to={next === null ? '/sign-up' : `/sign-up?next=${encodeURIComponent(next)}`}>
            {t('signIn.createAccount')}
          </Link>
        </li>
        <li>
          <Link to="/help/email-check">{t('common:layout.emailCheck')}</Link>
        </li>
      </ul>
    </>
  );
}
