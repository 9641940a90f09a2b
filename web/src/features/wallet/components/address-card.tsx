// One saved address in Settings → Addresses, with its Edit, Make default and Delete buttons (each
// named after the address, so a screen reader tells one address's buttons from another's).
import { useTranslation } from 'react-i18next';
import { addressLines } from '../wallet-format.ts';
import type { Address } from '../api.ts';

/** "Amina Benali, 12 Rue des Oliviers": tells the buttons of one address from another's. */
export const nameAddress = (address: Address) => `${address.fullName}, ${address.line1}`;

/** The server's order: the default first, then oldest first. */
export function sortAddresses(addresses: Address[]): Address[] {
  const position = new Map(addresses.map((a, i) => [a.id, i]));
  return [...addresses].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || position.get(a.id)! - position.get(b.id)!,
  );
}

function AddressView({ address }: { address: Address }) {
  const { t } = useTranslation('wallet');
  return (
    <div>
      <p className="card-title">
        {address.fullName}{' '}
        {address.isDefault ? <span className="badge badge-success">{t('address.default')}</span> : null}
      </p>
      <address className="address-lines">
        {addressLines(address)
          .slice(1)
          .map((line, i) => (
            <span key={i}>{line}</span>
          ))}
        {address.phone ? <span>{t('address.phoneLine', { phone: address.phone })}</span> : null}
      </address>
    </div>
  );
}

type AddressCardProps = {
  address: Address;
  pending: boolean;
  onEdit: () => void;
  onMakeDefault: () => void;
  onDelete: () => void;
};

export function AddressCard({ address, pending, onEdit, onMakeDefault, onDelete }: AddressCardProps) {
  const { t } = useTranslation('wallet');
  return (
    <div className="wallet-item">
      <AddressView address={address} />
      <div className="wallet-actions">
        <button
          type="button"
          className="button button-secondary"
          aria-label={t('address.editLabel', { address: nameAddress(address) })}
          onClick={onEdit}
        >
          {t('address.edit')}
        </button>
        {address.isDefault ? null : (
          <button
            type="button"
            className="button button-secondary"
            aria-label={t('address.makeDefaultLabel', { address: nameAddress(address) })}
            disabled={pending}
            onClick={onMakeDefault}
          >
            {t('address.makeDefaultButton')}
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          aria-label={t('address.deleteLabel', { address: nameAddress(address) })}
          onClick={onDelete}
        >
          {t('address.delete')}
        </button>
      </div>
    </div>
  );
}
