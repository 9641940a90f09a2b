import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { authApi } from '../../auth/api.ts';
import { Main } from '../../../components/main.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { useSignedInMe } from '../../../shell/require-signed-in.tsx';
import { useRequest } from '../../../lib/use-request.ts';
import { UnreadBadge, UnreadDescription, useUnreadCounts } from '../../messages/components/unread-messages.tsx';
import '../styles.css';

const LINKS = [
  { to: '/account', end: true },
  { to: '/account/orders', end: false },
  { to: '/account/saved', end: false },
  { to: '/account/messages', end: false },
  { to: '/account/settings', end: false },
  { to: '/seller', end: false },
  { to: '/account/support', end: false },
] as const;
/** Shown only to people with a staff role; /api/admin is the real gate. */
const ADMIN_LINK = { to: '/admin', end: false } as const;

function AccountNav() {
  const { t } = useTranslation('account');
  const label = (to: (typeof LINKS)[number]['to'] | typeof ADMIN_LINK.to): string => {
    switch (to) {
      case '/account':
        return t('nav.overview');
      case '/account/orders':
        return t('nav.orders');
      case '/account/saved':
        return t('nav.saved');
      case '/account/messages':
        return t('nav.messages');
      case '/account/settings':
        return t('nav.settings');
      case '/seller':
        return t('nav.seller');
      case '/account/support':
        return t('nav.support');
      case '/admin':
        return t('nav.admin');
    }
  };
  const navigate = useNavigate();
  const { refresh } = useMe();
  const me = useSignedInMe();
  const { pending, error, run } = useRequest();
  const unread = useUnreadCounts()?.buyer ?? 0;
  const links = me.roles.length > 0 ? [...LINKS, ADMIN_LINK] : LINKS;

  async function signOut() {
    const outcome = await run(() => authApi.signOut());
    if (!outcome.ok) return;
    // Leave the account area first, so it does not redirect to sign-in when the context updates.
    navigate('/');
    await refresh();
  }

  return (
    <nav aria-label={t('nav.label')} className="account-nav">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              aria-describedby={link.to === '/account/messages' && unread > 0 ? 'account-unread' : undefined}
            >
              {label(link.to)}
              {link.to === '/account/messages' ? <UnreadBadge count={unread} /> : null}
            </NavLink>
            {link.to === '/account/messages' ? <UnreadDescription id="account-unread" count={unread} /> : null}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-secondary" onClick={signOut} disabled={pending}>
        {t('nav.signOut')}
      </button>
      <ErrorAlert error={error} />
    </nav>
  );
}

/** Everything under /account (signed in: RequireSignedIn), with the account navigation on the left. */
export function AccountLayout() {
  return (
    <div className="account">
      <AccountNav />
      <Main className="account-content">
        <Outlet />
      </Main>
    </div>
  );
}
