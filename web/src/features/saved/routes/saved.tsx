import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { savedApi, type SavedItem } from '../api.ts';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { SaveButton } from '../components/save-button.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import '../styles.css';

/** What changed since the product was saved, in words: price, stock, availability. */
function SavedNotes({ item }: { item: SavedItem }) {
  const { t } = useTranslation('saved');
  const notes: Array<{ text: string; tone: 'good' | 'bad' | 'plain' }> = [];
  if (item.state === 'unavailable') notes.push({ text: t('notes.unavailable'), tone: 'bad' });
  if (item.state === 'out_of_stock') notes.push({ text: t('notes.outOfStock'), tone: 'bad' });
  if (item.backInStock) notes.push({ text: t('notes.backInStock'), tone: 'good' });
  if (item.priceChange === 'dropped' && item.priceDifference) {
    notes.push({ text: t('notes.dropped', { amount: formatMoney(item.priceDifference) }), tone: 'good' });
  }
  if (item.priceChange === 'rose' && item.priceDifference) {
    notes.push({ text: t('notes.rose', { amount: formatMoney(item.priceDifference) }), tone: 'plain' });
  }
  if (notes.length === 0) return null;
  return (
    <ul className="saved-notes">
      {notes.map((note) => (
        <li key={note.text} className={`saved-note saved-note-${note.tone}`}>
          {note.text}
        </li>
      ))}
    </ul>
  );
}

function SavedRow({ item }: { item: SavedItem }) {
  const { t } = useTranslation('saved');
  const available = item.state !== 'unavailable';
  return (
    <li className={available ? 'saved-item' : 'saved-item saved-item-unavailable'}>
      <img src={item.imageUrl} alt="" width={96} height={96} loading="lazy" />
      <div className="saved-item-body">
        <h2 className="saved-item-title">
          {available ? <Link to={`/p/${encodeURIComponent(item.productId)}`}>{item.title}</Link> : item.title}
        </h2>
        <p className="muted">
          {item.store.name} · {t('row.savedOn', { date: formatDate(new Date(item.savedAt)) })}
        </p>
        <p className="saved-item-price">
          {formatMoney(item.price)}
          {item.priceChange !== null ? (
            <span className="muted">{t('row.was', { price: formatMoney(item.priceWhenSaved) })}</span>
          ) : null}
        </p>
        <SavedNotes item={item} />
      </div>
      <SaveButton productId={item.productId} productTitle={item.title} />
    </li>
  );
}

/** /account/saved: the saved products, for guests too (theirs merge into the account at sign-in). */
export function SavedPage() {
  const { t } = useTranslation('saved');
  usePageTitle(t('page.title'));
  const { state: me } = useMe();
  const who = me.status === 'signed-in' ? me.me.id : me.status;
  const { state, retry } = useLoad(`saved|${who}`, (signal) => savedApi.list(signal));

  return (
    <>
      <h1>{t('page.title')}</h1>
      {me.status === 'signed-out' ? (
        <p className="muted">
          <Trans t={t} i18nKey="page.guest" components={{ anchor: <Link to="/sign-in?next=%2Faccount%2Fsaved" /> }} />
        </p>
      ) : null}
      {state.status === 'loading' ? <Loading>{t('page.loading')}</Loading> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('page.loadWhat')} onRetry={retry} /> : null}
      {state.status === 'loaded' ? (
        state.data.items.length === 0 ? (
          <p>
            <Trans t={t} i18nKey="page.empty" components={{ anchor: <Link to="/search" /> }} />
          </p>
        ) : (
          <>
            <p>{t('page.count', { count: state.data.count, limit: state.data.limit })}</p>
            <ul className="saved-list">
              {state.data.items.map((item) => (
                <SavedRow key={item.productId} item={item} />
              ))}
            </ul>
          </>
        )
      ) : null}
    </>
  );
}
