import { Money } from '../../../components/money.tsx';
import i18next from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { cartApi, type Cart, type CartLine } from '../api.ts';
import { useCart } from '../cart-context.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { Loading } from '../../../components/load-states.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { useCountry } from '../../../lib/country-context.tsx';
import { countryName } from '../../../lib/countries.ts';
import '../styles.css';

function problemText(problem: NonNullable<CartLine['problem']>, line: CartLine, country: string | null): string {
  switch (problem) {
    case 'unavailable':
      return i18next.t('cart:problem.unavailable');
    case 'choose_option':
      return i18next.t('cart:problem.chooseOption');
    case 'out_of_stock':
      return i18next.t('cart:problem.outOfStock');
    case 'insufficient_stock':
      return i18next.t('cart:problem.insufficientStock', { count: line.stock });
    case 'not_shippable':
      return country === null
        ? i18next.t('cart:problem.notShippableAnywhere')
        : i18next.t('cart:problem.notShippable', { country: countryName(country) });
  }
}

/** "Choose a size", "Choose a colour and size": what a line added before its product gained options needs. */
export function chooseOptionsText(names: string[]): string {
  const words = names.map((n) => n.toLowerCase());
  const list =
    words.length > 1
      ? `${words.slice(0, -1).join(', ')} ${i18next.t('catalog:variants.and')} ${words.at(-1)}`
      : (words[0] ?? i18next.t('cart:line.option'));
  return i18next.t('cart:line.choose', { list });
}

/** Lines grouped by seller, in the order they were added. */
type Seller = { id: string; name: string };
export function groupBySeller<T extends { store: Seller }>(lines: T[]): Array<{ store: Seller; lines: T[] }> {
  const groups = new Map<string, { store: Seller; lines: T[] }>();
  for (const line of lines) {
    const group = groups.get(line.store.id) ?? { store: line.store, lines: [] as T[] };
    group.lines.push(line);
    groups.set(line.store.id, group);
  }
  return [...groups.values()];
}

function CartLineRow({
  line,
  country,
  onChange,
}: {
  line: CartLine;
  /** The header's ship-to country the lines are checked against. */
  country: string;
  onChange: (cart: Cart) => void;
}) {
  const { t } = useTranslation('cart');
  const { pending, error, run } = useRequest();
  const max = Math.max(line.quantity, Math.min(99, Math.max(line.stock, 1)));
  const selectId = `quantity-${line.productId}${line.variantId ? `-${line.variantId}` : ''}`;
  const named = line.variantLabel ? `${line.title} (${line.variantLabel})` : line.title;

  async function change(send: () => Promise<Cart>) {
    const outcome = await run(send);
    if (outcome.ok) onChange(outcome.value);
  }

  return (
    <li className="cart-line" aria-busy={pending}>
      <img src={line.imageUrl} alt="" width="96" height="96" className="cart-line-image" />
      <div className="cart-line-main">
        <Link to={`/p/${line.productId}`} className="cart-line-title">
          {line.title}
        </Link>
        {line.variantLabel ? <p className="line-variant">{line.variantLabel}</p> : null}
        <p className="cart-line-price">
          <Money money={line.unitPrice} charged />
          {t('line.each')}
          {line.listPrice !== null ? (
            <>
              {' '}
              <del className="price-was">
                <span className="visually-hidden">{t('line.was')}</span>
                <Money money={line.listPrice} charged />
              </del>
            </>
          ) : null}
        </p>
        {line.problem !== null ? <p className="cart-line-problem">{problemText(line.problem, line, country)}</p> : null}
        {line.problem === 'choose_option' ? (
          <p>
            <Link to={`/p/${line.productId}`} className="button button-secondary">
              {chooseOptionsText(line.chooseOptions)}
              <span className="visually-hidden">{t('line.of', { name: line.title })}</span>
            </Link>
          </p>
        ) : null}
        <div className="cart-line-actions">
          <label htmlFor={selectId}>
            {t('line.quantity')}
            <span className="visually-hidden">{t('line.of', { name: named })}</span>
          </label>
          <select
            id={selectId}
            value={line.quantity}
            disabled={pending || line.problem === 'unavailable' || line.problem === 'choose_option'}
            onChange={(event) =>
              void change(() =>
                cartApi.setQuantity(line.productId, Number(event.target.value), country, line.variantId),
              )
            }
          >
            {Array.from({ length: max }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button-link"
            disabled={pending}
            onClick={() => void change(() => cartApi.remove(line.productId, country, line.variantId))}
          >
            {t('line.remove')}
            <span className="visually-hidden"> {named}</span>
          </button>
        </div>
        <ErrorAlert error={error} />
      </div>
      <p className="cart-line-total">
        <span className="visually-hidden">{t('line.total')}</span>
        <Money money={line.lineTotal} charged />
      </p>
    </li>
  );
}

export function CartPage() {
  const { t } = useTranslation('cart');
  usePageTitle(t('page.title'));
  const { cart, setCart } = useCart();
  const { state } = useMe();
  const navigate = useNavigate();
  const [announcement, setAnnouncement] = useState('');
  const { country } = useCountry();
  // The lines checked against the header's "Ship to" country: again whenever it changes, or when a
  // cart read without it (the app's own load at sign-in, an "Add to cart") replaces the checked one.
  const unchecked = cart !== null && cart.country !== country;
  useEffect(() => {
    if (!unchecked) return;
    const controller = new AbortController();
    cartApi.get(controller.signal, country).then(setCart, () => {
      // The cart as loaded without the check stays on screen.
    });
    return () => controller.abort();
  }, [country, unchecked, setCart]);

  if (cart === null) return <Loading>{t('page.loading')}</Loading>;

  function onChange(next: Cart) {
    setCart(next);
    setAnnouncement(t('page.updated', { count: next.itemCount }));
  }

  function checkout() {
    navigate(state.status === 'signed-in' ? '/checkout' : '/sign-in?next=%2Fcheckout');
  }

  const blocked = cart.lines.some((l) => l.problem !== null);
  return (
    <>
      <h1>{t('page.title')}</h1>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {cart.lines.length === 0 ? (
        <>
          <p>{t('page.empty')}</p>
          <p>
            <Link to="/">{t('page.browse')}</Link>
          </p>
        </>
      ) : (
        <>
          {groupBySeller(cart.lines).map((group) => (
            <section key={group.store.id} className="cart-group" aria-labelledby={`seller-${group.store.id}`}>
              <h2 id={`seller-${group.store.id}`} className="cart-group-title">
                {t('page.soldBy', { store: group.store.name })}
              </h2>
              <ul className="cart-lines">
                {group.lines.map((line) => (
                  <CartLineRow
                    key={`${line.productId}:${line.variantId ?? ''}`}
                    line={line}
                    country={country}
                    onChange={onChange}
                  />
                ))}
              </ul>
            </section>
          ))}
          <div className="cart-summary card">
            <p className="cart-summary-line">
              <span>{t('page.subtotal', { count: cart.itemCount })}</span>
              <strong>
                {cart.subtotals.length === 0
                  ? '—'
                  : cart.subtotals.map((s, i) => (
                      <span key={s.currency}>
                        {i > 0 ? ' + ' : ''}
                        <Money money={s} charged />
                      </span>
                    ))}
              </strong>
            </p>
            <p className="muted">{t('page.shippingNote')}</p>
            {blocked ? <p className="cart-line-problem">{t('page.blocked')}</p> : null}
            <button type="button" className="button button-wide" onClick={checkout}>
              {t('page.checkout')}
            </button>
            {state.status !== 'signed-in' ? <p className="muted">{t('page.signInFirst')}</p> : null}
          </div>
        </>
      )}
    </>
  );
}
