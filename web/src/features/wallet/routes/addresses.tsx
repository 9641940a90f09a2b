import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddressForm } from '../components/address-form.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { describeError } from '../../../lib/form-error.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { AddressCard, nameAddress, sortAddresses } from '../components/address-card.tsx';
import { walletApi, type Address } from '../api.ts';
import '../styles.css';

export function SettingsAddressesPage() {
  const { t } = useTranslation('wallet');
  usePageTitle(t('addresses.title'));
  const { state, retry } = useLoad('addresses', (signal) => walletApi.listAddresses(signal));
  // The list as changed on this page, once loaded.
  const [edited, setEdited] = useState<Address[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Address | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, run } = useRequest();
  const listHeading = useRef<HTMLHeadingElement>(null);

  const addresses = edited ?? (state.status === 'loaded' ? state.data : []);

  /** Reloads after a change that moves the default (the server decides which one). */
  async function refreshList(message: string) {
    const outcome = await run(() => walletApi.listAddresses());
    if (outcome.ok) setEdited(outcome.value);
    setDone(message);
  }

  function saved(address: Address, message: string) {
    setEditing(null);
    setAdding(false);
    listHeading.current?.focus();
    if (address.isDefault || addresses.length === 0) {
      void refreshList(message);
      return;
    }
    const exists = addresses.some((a) => a.id === address.id);
    setEdited(
      sortAddresses(exists ? addresses.map((a) => (a.id === address.id ? address : a)) : [...addresses, address]),
    );
    setDone(message);
  }

  async function makeDefault(address: Address) {
    setDone(null);
    const outcome = await run(() => walletApi.updateAddress(address.id, { makeDefault: true }));
    if (outcome.ok) await refreshList(t('addresses.nowDefault', { address: nameAddress(address) }));
  }

  async function confirmDelete() {
    if (deleting === null) return;
    const address = deleting;
    const outcome = await run(() => walletApi.deleteAddress(address.id));
    if (!outcome.ok) return;
    setDeleting(null);
    await refreshList(t('addresses.deleted', { address: nameAddress(address) }));
    listHeading.current?.focus();
  }

  return (
    <>
      <h1>{t('addresses.title')}</h1>
      <p>{t('addresses.intro')}</p>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {deleting === null ? <ErrorAlert error={error} /> : null}
      <section aria-labelledby="saved-addresses-heading" className="section">
        <h2 id="saved-addresses-heading" ref={listHeading} tabIndex={-1}>
          {t('addresses.savedHeading')}
        </h2>
        {state.status === 'loading' ? <p>{t('addresses.loading')}</p> : null}
        {state.status === 'failed' ? (
          <>
            <ErrorAlert error={describeError(state.error)} />
            <button type="button" className="button button-secondary" onClick={retry}>
              {t('addresses.tryAgain')}
            </button>
          </>
        ) : null}
        {state.status === 'loaded' && addresses.length === 0 ? <p>{t('addresses.none')}</p> : null}
        {addresses.length > 0 ? (
          <ul className="card-list" aria-labelledby="saved-addresses-heading">
            {addresses.map((address) => (
              <li key={address.id} className="card">
                {editing === address.id ? (
                  <>
                    <h3 className="card-title">{t('addresses.editHeading')}</h3>
                    <AddressForm
                      address={address}
                      autoFocus
                      onSaved={(updated) => saved(updated, t('addresses.saved', { address: nameAddress(updated) }))}
                      onCancel={() => setEditing(null)}
                    />
                  </>
                ) : (
                  <AddressCard
                    address={address}
                    pending={pending}
                    onEdit={() => {
                      setDone(null);
                      setAdding(false);
                      setEditing(address.id);
                    }}
                    onMakeDefault={() => makeDefault(address)}
                    onDelete={() => {
                      setDone(null);
                      setDeleting(address);
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="add-address-heading" className="section">
        <h2 id="add-address-heading">{t('addresses.add')}</h2>
        {adding ? (
          <AddressForm
            autoFocus
            onSaved={(address) => saved(address, t('addresses.saved', { address: nameAddress(address) }))}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => {
              setDone(null);
              setEditing(null);
              setAdding(true);
            }}
          >
            {t('addresses.add')}
          </button>
        )}
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={t('addresses.deleteTitle')}
        confirmLabel={t('addresses.deleteConfirm')}
        cancelLabel={t('addresses.keep')}
        pending={pending}
        error={deleting !== null ? error : null}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      >
        <p>{deleting ? t('addresses.deleteText', { address: nameAddress(deleting) }) : null}</p>
        {deleting?.isDefault ? <p>{t('addresses.deleteDefault')}</p> : null}
      </ConfirmDialog>
    </>
  );
}
