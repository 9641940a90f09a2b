import { useRef, useState } from 'react';
import { CardForm } from '../components/card-form.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { describeError } from '../../../lib/form-error.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { describeCard, isExpired, nameCard } from '../wallet-format.ts';
import { walletApi, type SavedCard } from '../api.ts';
import '../styles.css';

export function SettingsPaymentMethodsPage() {
  usePageTitle('Payment methods');
  const { state, retry } = useLoad('payment-methods', (signal) => walletApi.listCards(signal));
  // Changes made on this page, applied over what was loaded.
  const [added, setAdded] = useState<SavedCard[]>([]);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<SavedCard | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, run } = useRequest();
  const listHeading = useRef<HTMLHeadingElement>(null);

  const cards = state.status === 'loaded' ? [...state.data, ...added].filter((card) => !removed.has(card.id)) : [];

  async function confirmRemove() {
    if (removing === null) return;
    const card = removing;
    const outcome = await run(() => walletApi.removeCard(card.id));
    if (!outcome.ok) return;
    setRemoved((current) => new Set(current).add(card.id));
    setRemoving(null);
    setDone(`${describeCard(card)} was removed.`);
    listHeading.current?.focus();
  }

  return (
    <>
      <h1>Payment methods</h1>
      <p>
        Cards you save here can be chosen at checkout. Souk keeps only the brand, the last four digits and the expiry
        date: the card number and security code go to the payment provider and are never stored.
      </p>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      <section aria-labelledby="saved-cards-heading" className="section">
        <h2 id="saved-cards-heading" ref={listHeading} tabIndex={-1}>
          Saved cards
        </h2>
        {state.status === 'loading' ? <p>Loading your cards…</p> : null}
        {state.status === 'failed' ? (
          <>
            <ErrorAlert error={describeError(state.error)} />
            <button type="button" className="button button-secondary" onClick={retry}>
              Try again
            </button>
          </>
        ) : null}
        {state.status === 'loaded' && cards.length === 0 ? <p>You have no saved cards.</p> : null}
        {cards.length > 0 ? (
          <ul className="card-list" aria-labelledby="saved-cards-heading">
            {cards.map((card) => (
              <li key={card.id} className="card wallet-item">
                <p className="card-title">
                  {describeCard(card)} {isExpired(card) ? <span className="badge badge-warning">Expired</span> : null}
                </p>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`Remove ${nameCard(card)}`}
                  onClick={() => {
                    setDone(null);
                    setRemoving(card);
                  }}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="add-card-heading" className="section">
        <h2 id="add-card-heading">Add a card</h2>
        <CardForm
          onSaved={(card) => {
            setAdded((current) => [...current, card]);
            setDone(`${describeCard(card)} was saved.`);
          }}
        />
      </section>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this card?"
        confirmLabel="Remove card"
        cancelLabel="Keep card"
        pending={pending}
        error={error}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        <p>{removing ? `${describeCard(removing)} will no longer be offered at checkout.` : null}</p>
      </ConfirmDialog>
    </>
  );
}
