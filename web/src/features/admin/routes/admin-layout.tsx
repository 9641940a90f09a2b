// The management console at /admin: its own layout with a left navigation of sections, each
// shown to the roles that may use it. The API (/api/admin, requireRole) is the real gate; this
// layout only decides what to show. To add a page: one entry in SECTIONS and its route in app.tsx.
import { NavLink, Outlet, useOutletContext } from 'react-router';
import { Main } from '../../../components/main.tsx';
import { useSignedInMe } from '../../../shell/require-signed-in.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { adminApi, type StaffRole } from '../api.ts';

type Section = { to: string; label: string; roles: readonly StaffRole[] };

/** Staff may use every section; list the other roles that may use each one. */
export const SECTIONS: readonly Section[] = [
  { to: '/admin', label: 'Overview', roles: ['staff'] },
  { to: '/admin/tickets', label: 'Support tickets', roles: ['support', 'staff'] },
  { to: '/admin/disputes', label: 'Disputes', roles: ['staff'] },
  { to: '/admin/reports', label: 'Reported posts', roles: ['staff'] },
  { to: '/admin/deletions', label: 'Deletion requests', roles: ['staff'] },
  { to: '/admin/insights/leaving', label: 'Why people leave', roles: ['staff'] },
  { to: '/admin/exchange-rates', label: 'Exchange rates', roles: ['staff'] },
];

export type AdminContext = { displayName: string; roles: StaffRole[] };

export function useAdmin(): AdminContext {
  return useOutletContext<AdminContext>();
}

function NoAccessPage() {
  usePageTitle('You do not have access');
  return (
    <Main className="page">
      <h1>You do not have access</h1>
      <p>The management console is for Souk staff. Your account has no staff role.</p>
      <p>If you should have access, ask an administrator to grant you one.</p>
      <p>
        <NavLink to="/account">Back to your account</NavLink>
      </p>
    </Main>
  );
}

function Console() {
  const { state, retry } = useLoad('admin-me', (signal) => adminApi.me(signal));
  if (state.status === 'failed' && (state.error.status === 403 || state.error.code === 'FORBIDDEN'))
    return <NoAccessPage />;
  if (state.status !== 'loaded') {
    return (
      <Main className="page">
        <h1>Admin</h1>
        {state.status === 'failed' ? (
          <LoadError error={state.error} what="the management console" onRetry={retry} />
        ) : (
          <Loading>Loading…</Loading>
        )}
      </Main>
    );
  }
  const context: AdminContext = state.data;
  const sections = SECTIONS.filter(
    (s) => context.roles.includes('staff') || s.roles.some((r) => context.roles.includes(r)),
  );
  return (
    <div className="account admin">
      <nav aria-label="Admin" className="account-nav">
        <p className="seller-nav-store">Admin</p>
        <ul>
          {sections.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.to === '/admin'}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <NavLink to="/account" className="button button-secondary">
          Back to your account
        </NavLink>
      </nav>
      <Main className="account-content">
        <Outlet context={context} />
      </Main>
    </div>
  );
}

/** Everything under /admin: signed in (RequireSignedIn), then a staff role (else "You do not have access"). */
export function AdminLayout() {
  const me = useSignedInMe();
  // Keyed by the person: another sign-in in the same tab asks the server again.
  return <Console key={me.id} />;
}
