// The one guard of the signed-in areas (/account, /seller, /admin), as a layout route: signed out
// → the sign-in page, coming back here afterwards; while the account loads, or when it cannot be
// loaded, a page titled after the area; signed in → the area's own layout.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Main } from '../components/main.tsx';
import { Loading } from '../components/load-states.tsx';
import { useMe, type Me } from '../lib/me-context.tsx';

type Translate = ReturnType<typeof useTranslation>['t'];

/** Each area's heading while the account loads, and when it could not be loaded. */
function areaOf(segment: string, t: Translate): { loading: string; unavailable: string } {
  switch (segment) {
    case 'seller':
      return { loading: t('signedIn.seller'), unavailable: t('signedIn.seller') };
    case 'admin':
      return { loading: t('signedIn.admin'), unavailable: t('signedIn.admin') };
    default:
      return { loading: t('signedIn.account'), unavailable: t('signedIn.accountUnavailable') };
  }
}

export function RequireSignedIn() {
  const { t } = useTranslation();
  const { state, refresh } = useMe();
  const location = useLocation();
  const [retrying, setRetrying] = useState(false);

  if (state.status === 'signed-in') return <Outlet />;
  if (state.status === 'signed-out') {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`} replace />;
  }
  const area = areaOf(location.pathname.split('/')[1] ?? '', t);
  return (
    <Main className="page">
      {state.status === 'loading' ? (
        <>
          <h1>{area.loading}</h1>
          <Loading>{t('signedIn.loading')}</Loading>
        </>
      ) : (
        <>
          <h1>{area.unavailable}</h1>
          <div role="alert" className="notice notice-error">
            <p>
              {t('signedIn.couldNotLoad')} {state.error.message}
            </p>
          </div>
          <button
            type="button"
            className="button"
            disabled={retrying}
            onClick={async () => {
              setRetrying(true);
              await refresh();
              setRetrying(false);
            }}
          >
            {t('load.tryAgain')}
          </button>
        </>
      )}
    </Main>
  );
}

/** The signed-in person, for layouts and pages under <RequireSignedIn>. */
export function useSignedInMe(): Me {
  const { state } = useMe();
  if (state.status !== 'signed-in') throw new Error('useSignedInMe is only for pages under <RequireSignedIn>');
  return state.me;
}
