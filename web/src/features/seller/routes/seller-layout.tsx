import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useOutletContext } from 'react-router';
import { Main } from '../../../components/main.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { sellerApi, type Store } from '../api.ts';
import { OpenStorePage } from './open-store.tsx';
import { UnreadBadge, UnreadDescription, useUnreadCounts } from '../../messages/components/unread-messages.tsx';
import '../styles.css';

const LINKS = [
  { to: '/seller', label: 'dashboard', end: true },
  { to: '/seller/products', label: 'products', end: false },
  // Orders: the fulfilment pages (incoming orders, shipping, tracking) plug in here.
  { to: '/seller/orders', label: 'orders', end: false },
  { to: '/seller/messages', label: 'messages', end: false },
  { to: '/seller/shipping', label: 'shipping', end: false },
  { to: '/seller/store', label: 'storeSettings', end: false },
] as const;

function NavLabel({ link }: { link: (typeof LINKS)[number]['label'] }) {
  const { t } = useTranslation('seller');
  switch (link) {
    case 'dashboard':
      return t('layout.nav.dashboard');
    case 'products':
      return t('layout.nav.products');
    case 'orders':
      return t('layout.nav.orders');
    case 'messages':
      return t('layout.nav.messages');
    case 'shipping':
      return t('layout.nav.shipping');
    case 'storeSettings':
      return t('layout.nav.storeSettings');
  }
}

export type SellerContext = { store: Store; setStore: (store: Store) => void };

/** The signed-in seller's store, for pages under /seller. */
export function useSeller(): SellerContext {
  return useOutletContext<SellerContext>();
}

/** Everything under /seller (signed in: RequireSignedIn); an account without a store is asked to open one. */
export function SellerLayout() {
  const { t } = useTranslation('seller');
  const { state, retry } = useLoad('seller-store', (signal) => sellerApi.getStore(signal));
  const [opened, setOpened] = useState<Store | null>(null);
  const [changed, setChanged] = useState<Store | null>(null);
  const unread = useUnreadCounts()?.store ?? 0;

  const loaded = state.status === 'loaded' ? state.data : null;
  const store = changed ?? opened ?? loaded;
  if (store === null) {
    if (state.status === 'failed' && state.error.code === 'NO_STORE') {
      return (
        <Main className="page">
          <OpenStorePage onOpened={setOpened} />
        </Main>
      );
    }
    return (
      <Main className="page">
        <h1>{t('layout.sellerCenter')}</h1>
        {state.status === 'failed' ? (
          <LoadError error={state.error} what={t('layout.storeWhat')} onRetry={retry} />
        ) : (
          <Loading>{t('layout.loadingStore')}</Loading>
        )}
      </Main>
    );
  }

  const context: SellerContext = { store, setStore: setChanged };
  return (
    <div className="account">
      <nav aria-label={t('layout.sellerCenter')} className="account-nav">
        <p className="seller-nav-store">{store.name}</p>
        <ul>
          {LINKS.map((link) => (
            <li key={link.to}>
              <NavLink
                to={link.to}
                end={link.end}
                aria-describedby={link.to === '/seller/messages' && unread > 0 ? 'seller-unread' : undefined}
              >
                <NavLabel link={link.label} />
                {link.to === '/seller/messages' ? <UnreadBadge count={unread} /> : null}
              </NavLink>
              {link.to === '/seller/messages' ? <UnreadDescription id="seller-unread" count={unread} /> : null}
            </li>
          ))}
        </ul>
        {/* The public page as shoppers see it (a hidden store's says it is closed for now). */}
        {store.slug !== null ? (
          <Link to={`/s/${store.slug}`} className="button button-secondary seller-view-store">
            {t('layout.viewStore')}
          </Link>
        ) : null}
        <NavLink to="/account" className="button button-secondary">
          {t('layout.backToAccount')}
        </NavLink>
      </nav>
      <Main className="account-content">
        <Outlet context={context} />
      </Main>
    </div>
  );
}
