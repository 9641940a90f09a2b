import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { savedApi, type ViewedItem } from '../api.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { formatMoney } from '../../../lib/format.ts';
import '../styles.css';

/**
 * "Recently viewed": the products this browser or account looked at, newest first, in a row that
 * scrolls sideways; hidden while empty. Loaded in its own request after the page's own content.
 * On a product page, that product is left out (`exclude`).
 */
export function RecentlyViewedRow({ exclude }: { exclude?: string }) {
  const { t } = useTranslation('saved');
  const { state } = useMe();
  const [items, setItems] = useState<ViewedItem[]>([]);
  const [cleared, setCleared] = useState(false);
  const who = state.status === 'signed-in' ? state.me.id : state.status;

  useEffect(() => {
    if (who === 'loading') return;
    const controller = new AbortController();
    savedApi
      .recentlyViewed(exclude, controller.signal)
      .then((answer) => setItems(answer.items))
      .catch(() => setItems([]));
    return () => controller.abort();
  }, [exclude, who]);

  async function clear() {
    try {
      await savedApi.clearViews();
      setItems([]);
      setCleared(true);
    } catch {
      // The row stays; the next page load shows what the server holds.
    }
  }

  if (items.length === 0) {
    return cleared ? (
      <p role="status" className="muted">
        {t('recent.cleared')}
      </p>
    ) : null;
  }
  return (
    <section className="recently-viewed" aria-labelledby="recently-viewed-title">
      <div className="section-head">
        <h2 id="recently-viewed-title">{t('recent.title')}</h2>
        <button type="button" className="button-link" onClick={clear}>
          {t('recent.clear')}
        </button>
      </div>
      <ul className="recently-viewed-list">
        {items.map((item) => (
          <li key={item.productId} className="recently-viewed-item">
            <img src={item.imageUrl} alt="" width={120} height={120} loading="lazy" />
            <Link to={`/p/${encodeURIComponent(item.productId)}`}>{item.title}</Link>
            <span className="recently-viewed-price">{formatMoney(item.price)}</span>
            {item.inStock ? null : <span className="muted">{t('notes.outOfStock')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Records a view of the product shown, once per product, in a request of its own (decision 046). */
export function useRecordView(productId: string | undefined): void {
  useEffect(() => {
    if (productId === undefined) return;
    savedApi.recordView(productId).catch(() => {
      // A view not recorded costs the person nothing they would notice.
    });
  }, [productId]);
}
