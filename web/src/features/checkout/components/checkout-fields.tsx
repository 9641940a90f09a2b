// The address and card fields of the checkout and payment pages (names match the API's fields,
// so server errors land next to the right input).
import { CheckboxField, SelectField, TextField } from '../../../components/fields.tsx';
import { listCountries } from '../../../lib/countries.ts';
import type { FormError } from '../../../lib/form-error.ts';
import { useTranslation } from 'react-i18next';
import type { AddressInput } from '../api.ts';
import type { CardInput } from '../../wallet/api.ts';

const optional = (value: FormDataEntryValue | null) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value.trim() : '');

export function readAddress(data: FormData): AddressInput {
  return {
    fullName: text(data.get('fullName')),
    line1: text(data.get('line1')),
    line2: optional(data.get('line2')),
    city: text(data.get('city')),
    region: optional(data.get('region')),
    postalCode: optional(data.get('postalCode')),
    country: text(data.get('country')),
    phone: optional(data.get('phone')),
  };
}

export function readCard(data: FormData): CardInput {
  return {
    number: text(data.get('number')).replace(/[^0-9]/g, ''),
    expMonth: Number(data.get('expMonth')),
    expYear: Number(data.get('expYear')),
    cvc: text(data.get('cvc')),
  };
}

export function AddressFields({
  error,
  country,
  onCountryChange,
}: {
  error: FormError | null;
  country: string;
  onCountryChange: (code: string) => void;
}) {
  const { t } = useTranslation('checkout');
  const f = error?.fields ?? {};
  return (
    <div className="field-group">
      <TextField
        label={t('address.fullName')}
        name="fullName"
        autoComplete="shipping name"
        maxLength={100}
        required
        error={f.fullName}
      />
      <TextField
        label={t('address.line1')}
        name="line1"
        autoComplete="shipping address-line1"
        maxLength={120}
        required
        error={f.line1}
      />
      <TextField
        label={t('address.line2')}
        name="line2"
        autoComplete="shipping address-line2"
        maxLength={120}
        error={f.line2}
      />
      <div className="field-row">
        <TextField
          label={t('address.city')}
          name="city"
          autoComplete="shipping address-level2"
          maxLength={80}
          required
          error={f.city}
        />
        <TextField
          label={t('address.postalCode')}
          name="postalCode"
          autoComplete="shipping postal-code"
          maxLength={16}
          error={f.postalCode}
        />
      </div>
      <TextField
        label={t('address.region')}
        name="region"
        autoComplete="shipping address-level1"
        maxLength={80}
        error={f.region}
      />
      <SelectField
        label={t('address.country')}
        name="country"
        autoComplete="shipping country"
        value={country}
        onChange={(e) => onCountryChange(e.target.value)}
        error={f.country}
      >
        {listCountries().map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('address.phone')}
        name="phone"
        type="tel"
        autoComplete="shipping tel"
        maxLength={32}
        hint={t('address.phoneHint')}
        error={f.phone}
      />
      <CheckboxField label={t('address.save')} name="saveAddress" defaultChecked />
    </div>
  );
}

const THIS_YEAR = new Date().getFullYear();

export function CardFields({ error }: { error: FormError | null }) {
  const { t } = useTranslation('checkout');
  const f = error?.fields ?? {};
  return (
    <div className="field-group">
      <TextField
        label={t('card.number')}
        name="number"
        inputMode="numeric"
        autoComplete="cc-number"
        maxLength={23}
        required
        error={f.number}
      />
      <div className="field-row">
        <SelectField
          label={t('card.expMonth')}
          name="expMonth"
          autoComplete="cc-exp-month"
          required
          error={f.expMonth}
          defaultValue=""
        >
          <option value="" disabled>
            {t('card.month')}
          </option>
          {Array.from({ length: 12 }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {String(i + 1).padStart(2, '0')}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('card.expYear')}
          name="expYear"
          autoComplete="cc-exp-year"
          required
          error={f.expYear}
          defaultValue=""
        >
          <option value="" disabled>
            {t('card.year')}
          </option>
          {Array.from({ length: 15 }, (_, i) => (
            <option key={i} value={THIS_YEAR + i}>
              {THIS_YEAR + i}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('card.cvc')}
          name="cvc"
          inputMode="numeric"
          autoComplete="cc-csc"
          maxLength={4}
          required
          hint={t('card.cvcHint')}
          error={f.cvc}
        />
      </div>
      <CheckboxField label={t('card.save')} name="saveCard" defaultChecked hint={t('card.saveHint')} />
    </div>
  );
}
