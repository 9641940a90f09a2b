import { Link } from 'react-router';
import { savedApi, type SavedItem } from '../api.ts';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { SaveButton } from '../components/save-button.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { formatDate, formatMoney, pluralize } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import '../styles.css';

/** What changed since the product was saved, in words: price, stock, availability. */
function SavedNotes({ item }: { item: SavedItem }) {
  const notes: Array<{ text: string; tone: 'good' | 'bad' | 'plain' }> = [];
  if (item.state === 'unavailable') notes.push({ text: 'No longer available', tone: 'bad' });
  if (item.state === 'out_of_stock') notes.push({ text: 'Out of stock', tone: 'bad' });
  if (item.backInStock) notes.push({ text: 'Back in stock', tone: 'good' });
  if (item.priceChange === 'dropped' && item.priceDifference) {
    notes.push({ text: `Price dropped by ${formatMoney(item.priceDifference)}`, tone: 'good' });
  }
  if (item.priceChange === 'rose' && item.priceDifference) {
    notes.push({ text: `Price went up by ${formatMoney(item.priceDifference)}`, tone: 'plain' });
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
  const available = item.state !== 'unavailable';
  return (
    <li className={available ? 'saved-item' : 'saved-item saved-item-unavailable'}>
      <img src={item.imageUrl} alt="" width={96} height={96} loading="lazy" />
      <div className="saved-item-body">
        <h2 className="saved-item-title">
          {available ? <Link to={`/p/${encodeURIComponent(item.productId)}`}>{item.title}</Link> : item.title}
        </h2>
        <p className="muted">
          {item.store.name} · saved {formatDate(new Date(item.savedAt))}
        </p>
        <p className="saved-item-price">
          {formatMoney(item.price)}
          {item.priceChange !== null ? (
            <span className="muted"> (was {formatMoney(item.priceWhenSaved)} when saved)</span>
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
  usePageTitle('Saved items');
  const { state: me } = useMe();
  const who = me.status === 'signed-in' ? me.me.id : me.status;
  const { state, retry } = useLoad(`saved|${who}`, (signal) => savedApi.list(signal));

  return (
    <>
      <h1>Saved items</h1>
      {me.status === 'signed-out' ? (
        <p className="muted">
          Saved on this device. <Link to="/sign-in?next=%2Faccount%2Fsaved">Sign in</Link> to keep them with your
          account.
        </p>
      ) : null}
      {state.status === 'loading' ? <Loading>Loading your saved items…</Loading> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what="your saved items" onRetry={retry} /> : null}
      {state.status === 'loaded' ? (
        state.data.items.length === 0 ? (
          <p>
            Nothing saved yet. Use “Save” on any product to keep it here. <Link to="/search">Browse products</Link>
          </p>
        ) : (
          <>
            <p>
              {pluralize(state.data.count, 'product', 'products')} saved (at most {state.data.limit}).
            </p>
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
