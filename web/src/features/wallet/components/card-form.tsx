// Adding a card: used by Settings → Payment methods and by checkout. The number and security code
// go straight to the API, which hands them to the payment provider; they are cleared from the
// form as soon as the card is saved.
import { useEffect, useState, type SubmitEvent } from 'react';
import { SelectField, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import type { FormError } from '../../../lib/form-error.ts';
import { missingFields } from '../../../lib/missing-fields.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { groupCardNumber } from '../wallet-format.ts';
import { walletApi, type PaymentProviderInfo, type SavedCard } from '../api.ts';
import '../styles.css';

const FIELDS = ['number', 'expMonth', 'expYear', 'cvc'] as const;
const WORDING = {
  codeFields: { CARD_EXPIRED: 'expYear' },
  fieldMessages: {
    number: 'Enter the card number: 12 to 19 digits, spaces allowed.',
    expMonth: 'Choose the month the card expires.',
    expYear: 'Choose the year the card expires.',
    cvc: 'Enter the security code: 3 digits (4 on American Express cards).',
  },
};

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
  if (!provider.isTest) return <p className="muted">Payments are processed by {provider.label}.</p>;
  return (
    <div className="notice notice-warning test-payments">
      <p>
        <strong>{provider.label}</strong>
      </p>
      <p>
        This shop uses a test payment provider: no card is ever charged. Use one of these card numbers with any future
        expiry date and any security code (3 digits; 4 for American Express):
      </p>
      <ul className="test-cards">
        {provider.testCards.map((card) => (
          <li key={card.number}>
            <code>{groupCardNumber(card.number)}</code> <span>{card.description}</span>
            {onUse ? (
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`Use test card ${groupCardNumber(card.number)}`}
                onClick={() => onUse(groupCardNumber(card.number))}
              >
                Use
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CardForm({ onSaved, submitLabel = 'Save card', onCancel, provider: given }: CardFormProps) {
  const { pending, error, run } = useRequest(WORDING);
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
    const empty = missingFields(values, FIELDS, WORDING.fieldMessages);
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
        label="Card number"
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
        <legend className="field-legend">Expiry date</legend>
        <SelectField
          label="Month"
          name="expMonth"
          autoComplete="cc-exp-month"
          value={values.expMonth}
          onChange={(event) => edit('expMonth', event.target.value)}
          required
          error={shown?.fields.expMonth}
        >
          <option value="">MM</option>
          {MONTHS.map((month) => (
            <option key={month} value={month}>
              {month}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Year"
          name="expYear"
          autoComplete="cc-exp-year"
          value={values.expYear}
          onChange={(event) => edit('expYear', event.target.value)}
          required
          error={shown?.fields.expYear}
        >
          <option value="">YYYY</option>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <TextField
        label="Security code (CVC)"
        name="cvc"
        inputMode="numeric"
        autoComplete="cc-csc"
        maxLength={4}
        spellCheck={false}
        className="input-short"
        value={values.cvc}
        onChange={(event) => edit('cvc', event.target.value)}
        hint="3 digits on the back of the card; 4 on the front of American Express cards."
        required
        error={shown?.fields.cvc}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
