// Adding a card: used by Settings → Payment methods and by checkout. The number and security code
// go straight to the API, which hands them to the payment provider; they are cleared from the
// form as soon as the card is saved.
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import type { FormError } from '../../../lib/form-error.ts';
import { missingFields } from '../../../lib/missing-fields.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { groupCardNumber } from '../wallet-format.ts';
import { walletApi, type PaymentProviderInfo, type SavedCard } from '../api.ts';
import '../styles.css';

const FIELDS = ['number', 'expMonth', 'expYear', 'cvc'] as const;

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

export type CardFormProps = {
  /** Called with the saved card (brand, last four, expiry) once the provider accepted it. */
  onSaved: (card: SavedCard) => void;
  submitLabel?: string;
  /** Shows a Cancel button next to the submit button. */
  onCancel?: () => void;
  /** The provider, when the page already loaded it; otherwise the form asks the API. */
  provider?: PaymentProviderInfo;
};

type Values = { number: string; expMonth: string; expYear: string; cvc: string };
const EMPTY: Values = { number: '', expMonth: '', expYear: '', cvc: '' };

/** "Test payments: no money moves", with the card numbers the test provider accepts. */
export function TestPaymentsNotice({
  provider,
  onUse,
}: {
  provider: PaymentProviderInfo;
  onUse?: (number: string) => void;
}) {
  const { t } = useTranslation('wallet');
  if (!provider.isTest) return <p className="muted">{t('card.processedBy', { provider: provider.label })}</p>;
  return (
    <div className="notice notice-warning test-payments">
      <p>
        <strong>{provider.label}</strong>
      </p>
      <p>{t('card.testIntro')}</p>
      <ul className="test-cards">
        {provider.testCards.map((card) => (
          <li key={card.number}>
            <code>{groupCardNumber(card.number)}</code> <span>{card.description}</span>
            {onUse ? (
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={t('card.useLabel', { number: groupCardNumber(card.number) })}
                onClick={() => onUse(groupCardNumber(card.number))}
              >
                {t('card.use')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CardForm({ onSaved, submitLabel, onCancel, provider: given }: CardFormProps) {
  const { t } = useTranslation('wallet');
  const fieldMessages = {
    number: t('card.numberError'),
    expMonth: t('card.monthError'),
    expYear: t('card.yearError'),
    cvc: t('card.cvcError'),
  };
  const { pending, error, run } = useRequest({ codeFields: { CARD_EXPIRED: 'expYear' }, fieldMessages });
  const [values, setValues] = useState<Values>(EMPTY);
  // Empty fields are named here all at once (the server names one problem at a time).
  const [missing, setMissing] = useState<FormError | null>(null);
  const shown = missing ?? error;
  const [loaded, setLoaded] = useState<PaymentProviderInfo | null>(null);
  const provider = given ?? loaded;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 21 }, (_, i) => String(thisYear + i));

  useEffect(() => {
    if (given !== undefined) return;
    const controller = new AbortController();
    // Without it the form still works; only the notice is missing.
    walletApi.getPaymentProvider(controller.signal).then(setLoaded, () => undefined);
    return () => controller.abort();
  }, [given]);

  const edit = (name: keyof Values, value: string) => setValues((current) => ({ ...current, [name]: value }));

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const empty = missingFields(values, FIELDS, fieldMessages);
    setMissing(empty);
    if (empty !== null) return;
    const input = {
      number: values.number.trim(),
      expMonth: Number(values.expMonth),
      expYear: Number(values.expYear),
      cvc: values.cvc.trim(),
    };
    const outcome = await run(() => walletApi.addCard(input));
    if (!outcome.ok) return;
    setValues(EMPTY);
    onSaved(outcome.value);
  }

  return (
    <form className="form card-form" onSubmit={onSubmit} noValidate>
      {provider ? <TestPaymentsNotice provider={provider} onUse={(number) => edit('number', number)} /> : null}
      <ErrorAlert error={shown} formFields={FIELDS} />
      <TextField
        label={t('card.number')}
        name="number"
        inputMode="numeric"
        autoComplete="cc-number"
        maxLength={23}
        spellCheck={false}
        value={values.number}
        onChange={(event) => edit('number', event.target.value)}
        required
        error={shown?.fields.number}
      />
      <fieldset className="field-row">
        <legend className="field-legend">{t('card.expiry')}</legend>
        <SelectField
          label={t('card.month')}
          name="expMonth"
          autoComplete="cc-exp-month"
          value={values.expMonth}
          onChange={(event) => edit('expMonth', event.target.value)}
          required
          error={shown?.fields.expMonth}
        >
          <option value="">{t('card.monthPlaceholder')}</option>
          {MONTHS.map((month) => (
            <option key={month} value={month}>
              {month}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('card.year')}
          name="expYear"
          autoComplete="cc-exp-year"
          value={values.expYear}
          onChange={(event) => edit('expYear', event.target.value)}
          required
          error={shown?.fields.expYear}
        >
          <option value="">{t('card.yearPlaceholder')}</option>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <TextField
        label={t('card.cvc')}
        name="cvc"
        inputMode="numeric"
        autoComplete="cc-csc"
        maxLength={4}
        spellCheck={false}
        className="input-short"
        value={values.cvc}
        onChange={(event) => edit('cvc', event.target.value)}
        hint={t('card.cvcHint')}
        required
        error={shown?.fields.cvc}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel ?? t('card.save')}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
            {t('card.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
