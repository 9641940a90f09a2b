import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../lib/me-context.tsx';
import { useCart } from '../features/cart/cart-context.tsx';
import { useSaved } from '../features/saved/saved-context.tsx';
import { CartIcon, HeartIcon, LogoIcon, SearchIcon, SignInIcon, UserIcon } from './icons.tsx';
import { ShipToSelect } from './ship-to-select.tsx';
import { SearchBox } from '../features/catalog/components/search-box.tsx';
import { UnreadBadge, UnreadDescription, useUnreadCounts } from '../features/messages/components/unread-messages.tsx';

function SearchForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const query = location.pathname === '/search' ? (params.get('q') ?? '') : '';

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = new FormData(event.currentTarget).get('q');
    navigate(`/search?q=${encodeURIComponent(typeof q === 'string' ? q.trim() : '')}`);
  }

  return (
    <form role="search" action="/search" method="get" className="site-search" onSubmit={onSubmit}>
      <label htmlFor="site-search-q" className="visually-hidden">
        {t('header.searchProducts')}
      </label>
      {/* key: show the new query when the URL changes without remounting the header */}
      <SearchBox key={query} id="site-search-q" defaultValue={query} />
      <button type="submit" className="site-search-button">
        <SearchIcon />
        <span className="visually-hidden">{t('header.search')}</span>
      </button>
    </form>
  );
}

function AccountLink() {
  const { t } = useTranslation();
  const { state } = useMe();
  const counts = useUnreadCounts(state.status === 'signed-in');
  const unread = counts === null ? 0 : counts.buyer + counts.store;
  // Until /api/me answers, keep the space without naming a link that may be wrong.
  if (state.status === 'loading') return <span className="header-link header-link-pending" aria-hidden="true" />;
  if (state.status === 'signed-in') {
    return (
      <>
        <Link to="/account" className="header-link" aria-describedby={unread > 0 ? 'header-unread' : undefined}>
          <UserIcon />
          <span className="header-link-text">{t('header.account')}</span>
          <UnreadBadge count={unread} />
        </Link>
        <UnreadDescription id="header-unread" count={unread} />
      </>
    );
  }
  return (
    <Link to="/sign-in" className="header-link">
      <SignInIcon />
      <span className="header-link-text">{t('header.signIn')}</span>
    </Link>
  );
}

/** "Cart" (its accessible name stays exactly that), with the number of items as its description. */
function CartLink() {
  const { t } = useTranslation();
  const { cart } = useCart();
  const count = cart?.itemCount ?? 0;
  return (
    <>
      <Link to="/cart" className="header-link header-cart" aria-describedby={count > 0 ? 'cart-count' : undefined}>
        <CartIcon />
        <span className="header-link-text">{t('header.cart')}</span>
        {count > 0 ? (
          <span className="cart-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </Link>
      {count > 0 ? (
        <span id="cart-count" className="visually-hidden">
          {t('header.cartItems', { count })}
        </span>
      ) : null}
    </>
  );
}

/**
 * "Saved items" (guests have them too), with how many as its description: the count is the saved
 * ids every card already loads (SavedProvider), so the header adds no request.
 */
function SavedLink() {
  const { t } = useTranslation();
  const count = useSaved().savedIds.size;
  return (
    <>
      <Link
        to="/account/saved"
        className="header-link header-saved"
        aria-describedby={count > 0 ? 'header-saved-count' : undefined}
      >
        <HeartIcon />
        <span className="header-link-text">
          {t('header.saved')}
          <span className="visually-hidden">{t('header.savedHidden')}</span>
        </span>
        {count > 0 ? (
          <span className="saved-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </Link>
      {count > 0 ? (
        <span id="header-saved-count" className="visually-hidden">
          {t('header.savedProducts', { count })}
        </span>
      ) : null}
    </>
  );
}

export function Header() {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="logo">
          <LogoIcon />
          <span>Souk</span>
        </Link>
        <SearchForm />
        <ShipToSelect />
        <div className="header-actions">
          <SavedLink />
          <CartLink />
          <AccountLink />
        </div>
      </div>
    </header>
  );
}
