import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('wallet');
  usePageTitle(t('payment.title'));
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
    setDone(t('payment.removed', { card: describeCard(card) }));
    listHeading.current?.focus();
  }

  return (
    <>
      <h1>{t('payment.title')}</h1>
      <p>{t('payment.intro')}</p>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      <section aria-labelledby="saved-cards-heading" className="section">
        <h2 id="saved-cards-heading" ref={listHeading} tabIndex={-1}>
          {t('payment.savedCards')}
        </h2>
        {state.status === 'loading' ? <p>{t('payment.loading')}</p> : null}
        {state.status === 'failed' ? (
          <>
            <ErrorAlert error={describeError(state.error)} />
            <button type="button" className="button button-secondary" onClick={retry}>
              {t('payment.tryAgain')}
            </button>
          </>
        ) : null}
        {state.status === 'loaded' && cards.length === 0 ? <p>{t('payment.none')}</p> : null}
        {cards.length > 0 ? (
          <ul className="card-list" aria-labelledby="saved-cards-heading">
            {cards.map((card) => (
              <li key={card.id} className="card wallet-item">
                <p className="card-title">
                  {describeCard(card)}{' '}
                  {isExpired(card) ? <span className="badge badge-warning">{t('payment.expired')}</span> : null}
                </p>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('payment.removeLabel', { card: nameCard(card) })}
                  onClick={() => {
                    setDone(null);
                    setRemoving(card);
                  }}
                >
                  {t('payment.remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="add-card-heading" className="section">
        <h2 id="add-card-heading">{t('payment.add')}</h2>
        <CardForm
          onSaved={(card) => {
            setAdded((current) => [...current, card]);
            setDone(t('payment.saved', { card: describeCard(card) }));
          }}
        />
      </section>
      <ConfirmDialog
        open={removing !== null}
        title={t('payment.removeTitle')}
        confirmLabel={t('payment.removeConfirm')}
        cancelLabel={t('payment.keep')}
        pending={pending}
        error={error}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        <p>{removing ? t('payment.removeText', { card: describeCard(removing) }) : null}</p>
      </ConfirmDialog>
    </>
  );
}
