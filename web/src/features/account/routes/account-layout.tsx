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
  { to: '/account', label: 'Overview', end: true },
  { to: '/account/orders', label: 'Orders', end: false },
  { to: '/account/saved', label: 'Saved items', end: false },
  { to: '/account/messages', label: 'Messages', end: false },
  { to: '/account/settings', label: 'Settings', end: false },
  { to: '/seller', label: 'Seller center', end: false },
  { to: '/account/support', label: 'Support', end: false },
] as const;
/** Shown only to people with a staff role; /api/admin is the real gate. */
const ADMIN_LINK = { to: '/admin', label: 'Admin', end: false } as const;

function AccountNav() {
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
    <nav aria-label="Account" className="account-nav">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              aria-describedby={link.to === '/account/messages' && unread > 0 ? 'account-unread' : undefined}
            >
              {link.label}
              {link.to === '/account/messages' ? <UnreadBadge count={unread} /> : null}
            </NavLink>
            {link.to === '/account/messages' ? <UnreadDescription id="account-unread" count={unread} /> : null}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-secondary" onClick={signOut} disabled={pending}>
        Sign out
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
