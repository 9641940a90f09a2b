import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatLocale } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import '../styles.css';

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long' }).format(date);
}

export function AccountOverviewPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('overview.title'));
  const { state } = useMe();
  // AccountLayout renders its pages only for a signed-in user.
  if (state.status !== 'signed-in') return null;
  const { me } = state;

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.hello', { name: me.displayName || me.email })}</p>
      <dl className="details">
        <div>
          <dt>{t('overview.email')}</dt>
          <dd>
            {me.email}{' '}
            {me.emailVerified ? (
              <span className="badge badge-success">{t('overview.verified')}</span>
            ) : (
              <span className="badge badge-warning">{t('overview.notVerified')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('overview.displayName')}</dt>
          <dd>{me.displayName || t('overview.notSet')}</dd>
        </div>
        <div>
          <dt>{t('overview.memberSince')}</dt>
          <dd>{formatDate(me.createdAt)}</dd>
        </div>
      </dl>
      {me.emailVerified ? null : <p>{t('overview.verifyHint', { email: me.email })}</p>}
      <p>
        <Link to="/account/settings/profile">{t('overview.editProfile')}</Link>
      </p>
    </>
  );
}
