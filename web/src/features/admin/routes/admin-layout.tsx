// The management console at /admin: its own layout with a left navigation of sections, each
// shown to the roles that may use it. The API (/api/admin, requireRole) is the real gate; this
// layout only decides what to show. To add a page: one entry in SECTIONS and its route in app.tsx.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useOutletContext } from 'react-router';
import { Main } from '../../../components/main.tsx';
import { useSignedInMe } from '../../../shell/require-signed-in.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { adminApi, type StaffRole } from '../api.ts';

type Section = { to: string; label: (t: TFunction<'admin'>) => string; roles: readonly StaffRole[] };

/** Staff may use every section; list the other roles that may use each one. */
export const SECTIONS: readonly Section[] = [
  { to: '/admin', label: (t) => t('nav.overview'), roles: ['staff'] },
  { to: '/admin/tickets', label: (t) => t('nav.tickets'), roles: ['support', 'staff'] },
  { to: '/admin/disputes', label: (t) => t('nav.disputes'), roles: ['staff'] },
  { to: '/admin/reports', label: (t) => t('nav.reports'), roles: ['staff'] },
  { to: '/admin/deletions', label: (t) => t('nav.deletions'), roles: ['staff'] },
  { to: '/admin/insights/leaving', label: (t) => t('nav.leaving'), roles: ['staff'] },
  { to: '/admin/exchange-rates', label: (t) => t('nav.rates'), roles: ['staff'] },
];

export type AdminContext = { displayName: string; roles: StaffRole[] };

export function useAdmin(): AdminContext {
  return useOutletContext<AdminContext>();
}

function NoAccessPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('noAccess.title'));
  return (
    <Main className="page">
      <h1>{t('noAccess.title')}</h1>
      <p>{t('noAccess.text')}</p>
      <p>{t('noAccess.ask')}</p>
      <p>
        <NavLink to="/account">{t('nav.backToAccount')}</NavLink>
      </p>
    </Main>
  );
}

function Console() {
  const { t } = useTranslation('admin');
  const { state, retry } = useLoad('admin-me', (signal) => adminApi.me(signal));
  if (state.status === 'failed' && (state.error.status === 403 || state.error.code === 'FORBIDDEN'))
    return <NoAccessPage />;
  if (state.status !== 'loaded') {
    return (
      <Main className="page">
        <h1>{t('nav.admin')}</h1>
        {state.status === 'failed' ? (
          <LoadError error={state.error} what={t('nav.what')} onRetry={retry} />
        ) : (
          <Loading>{t('nav.loading')}</Loading>
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
      <nav aria-label={t('nav.admin')} className="account-nav">
        <p className="seller-nav-store">{t('nav.admin')}</p>
        <ul>
          {sections.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.to === '/admin'}>
                {section.label(t)}
              </NavLink>
            </li>
          ))}
        </ul>
        <NavLink to="/account" className="button button-secondary">
          {t('nav.backToAccount')}
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
