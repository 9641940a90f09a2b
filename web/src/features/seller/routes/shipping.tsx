import { useState, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { countryName, listCountries } from '../../../lib/countries.ts';
import { formatMoney } from '../../../lib/format.ts';
import { moneyExample, moneyInputValue, parseMoneyInput } from '../money-input.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { CURRENCIES, sellerApi, type ShippingProfile, type ShippingRate } from '../api.ts';
import '../styles.css';

type RateRow = { key: number; country: string; cost: string; minDays: string; maxDays: string };
type RowErrors = Partial<Record<'country' | 'cost' | 'minDays' | 'maxDays', string>>;

let nextKey = 1;
const emptyRow = (): RateRow => ({ key: nextKey++, country: '', cost: '', minDays: '', maxDays: '' });

function checkRows(
  rows: RateRow[],
  currency: string,
  t: TFunction<'seller'>,
): { rates: ShippingRate[] | null; errors: RowErrors[] } {
  const seen = new Set<string>();
  const rates: ShippingRate[] = [];
  const errors = rows.map((row) => {
    const e: RowErrors = {};
    if (row.country === '') e.country = t('shipping.countryError');
    else if (seen.has(row.country)) e.country = t('shipping.countryTwice');
    seen.add(row.country);
    const cost = parseMoneyInput(row.cost, currency);
    if (cost === null) e.cost = t('shipping.costLike', { example: moneyExample(currency) });
    const minDays = /^\d{1,3}$/.test(row.minDays.trim()) ? Number(row.minDays) : null;
    const maxDays = /^\d{1,3}$/.test(row.maxDays.trim()) ? Number(row.maxDays) : null;
    if (minDays === null || minDays > 365) e.minDays = t('shipping.daysError');
    if (maxDays === null || maxDays > 365) e.maxDays = t('shipping.daysError');
    else if (minDays !== null && maxDays < minDays) e.maxDays = t('shipping.slowestError');
    if (Object.keys(e).length === 0)
      rates.push({ country: row.country, cost: cost!, minDays: minDays!, maxDays: maxDays! });
    return e;
  });
  return { rates: errors.every((e) => Object.keys(e).length === 0) ? rates : null, errors };
}

function ProfileForm({
  profile,
  currency,
  onSaved,
  onCancel,
}: {
  profile: ShippingProfile | null;
  currency: string;
  onSaved: (p: ShippingProfile) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('seller');
  const { pending, error, run } = useRequest({ fieldMessages: { label: t('shipping.labelError') } });
  const [label, setLabel] = useState(profile?.label ?? '');
  const [labelError, setLabelError] = useState<string | undefined>();
  const [rows, setRows] = useState<RateRow[]>(() =>
    profile
      ? profile.rates.map((r) => ({
          key: nextKey++,
          country: r.country,
          cost: moneyInputValue(r.cost, currency),
          minDays: String(r.minDays),
          maxDays: String(r.maxDays),
        }))
      : [emptyRow()],
  );
  const [rowErrors, setRowErrors] = useState<RowErrors[]>([]);
  const edit = (key: number, field: keyof Omit<RateRow, 'key'>, value: string) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, [field]: value } : row)));

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const { rates, errors } = checkRows(rows, currency, t);
    setRowErrors(errors);
    const trimmed = label.trim();
    setLabelError(trimmed === '' ? t('shipping.labelRequired') : undefined);
    if (rates === null || trimmed === '') return;
    const input = { label: trimmed, rates };
    const outcome = await run(() =>
      profile ? sellerApi.replaceProfile(profile.id, input) : sellerApi.createProfile(input),
    );
    if (outcome.ok) onSaved(outcome.value);
  }

  const title = profile ? t('shipping.editTitle', { label: profile.label }) : t('shipping.addTitle');
  return (
    <form className="form seller-form-wide" onSubmit={onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <ErrorAlert error={error} formFields={['label']} />
      <TextField
        label={t('shipping.profileName')}
        name="label"
        maxLength={80}
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        hint={t('shipping.profileNameHint')}
        error={labelError ?? error?.fields.label}
      />
      {rows.map((row, i) => (
        <fieldset key={row.key} className="rate-row">
          <legend>{t('shipping.destination', { n: i + 1 })}</legend>
          <SelectField
            label={t('shipping.shipsTo')}
            name={`country-${row.key}`}
            value={row.country}
            onChange={(e) => edit(row.key, 'country', e.target.value)}
            error={rowErrors[i]?.country}
          >
            <option value="">{t('shipping.chooseCountry')}</option>
            {listCountries().map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('shipping.cost', { currency })}
            name={`cost-${row.key}`}
            inputMode="decimal"
            value={row.cost}
            onChange={(e) => edit(row.key, 'cost', e.target.value)}
            hint={t('shipping.costHint')}
            error={rowErrors[i]?.cost}
          />
          <TextField
            label={t('shipping.fastest')}
            name={`min-${row.key}`}
            inputMode="numeric"
            value={row.minDays}
            onChange={(e) => edit(row.key, 'minDays', e.target.value)}
            error={rowErrors[i]?.minDays}
          />
          <TextField
            label={t('shipping.slowest')}
            name={`max-${row.key}`}
            inputMode="numeric"
            value={row.maxDays}
            onChange={(e) => edit(row.key, 'maxDays', e.target.value)}
            error={rowErrors[i]?.maxDays}
          />
          {rows.length > 1 ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
            >
              {t('shipping.removeDestination', { n: i + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setRows((current) => [...current, emptyRow()])}
        >
          {t('shipping.addDestination')}
        </button>
        <button type="submit" className="button" disabled={pending}>
          {t('shipping.save')}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('shipping.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function ProfileCard({
  profile,
  currency,
  busy,
  onEdit,
  onDelete,
}: {
  profile: ShippingProfile;
  currency: string;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation('seller');
  return (
    <li className="card">
      <h2 className="card-title">{profile.label}</h2>
      <p className="muted">{t('shipping.usedBy', { count: profile.productCount })}</p>
      <table className="seller-table">
        <caption className="visually-hidden">{t('shipping.ratesOf', { label: profile.label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shipping.shipsTo')}</th>
            <th scope="col">{t('shipping.costColumn')}</th>
            <th scope="col">{t('shipping.delivery')}</th>
          </tr>
        </thead>
        <tbody>
          {profile.rates.map((rate) => (
            <tr key={rate.country}>
              <td>{countryName(rate.country)}</td>
              <td>{rate.cost === 0 ? t('shipping.free') : formatMoney({ amount: rate.cost, currency })}</td>
              <td>
                {rate.minDays === rate.maxDays
                  ? t('shipping.days', { count: rate.maxDays })
                  : t('shipping.daysRange', { min: rate.minDays, max: rate.maxDays })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={onEdit}
          aria-label={t('shipping.editLabel', { label: profile.label })}
        >
          {t('shipping.edit')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={onDelete}
          disabled={busy}
          aria-label={t('shipping.deleteLabel', { label: profile.label })}
        >
          {t('shipping.delete')}
        </button>
      </div>
    </li>
  );
}

export function SellerShippingPage() {
  const { t } = useTranslation('seller');
  usePageTitle(t('shipping.title'));
  const { state, retry } = useLoad('seller-profiles', (signal) => sellerApi.listProfiles(signal));
  const [profiles, setProfiles] = useState<ShippingProfile[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // Costs are stored in minor units and charged in each product's currency; this only decides
  // how they are typed and shown here.
  const [currency, setCurrency] = useState('USD');
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, run } = useRequest();
  const list = profiles ?? (state.status === 'loaded' ? state.data : null);

  function saved(profile: ShippingProfile) {
    const current = list ?? [];
    setProfiles(
      current.some((p) => p.id === profile.id)
        ? current.map((p) => (p.id === profile.id ? profile : p))
        : [...current, profile],
    );
    setEditing(null);
    setDone(t('shipping.saved', { label: profile.label }));
  }

  async function remove(profile: ShippingProfile) {
    setDone(null);
    const outcome = await run(() => sellerApi.deleteProfile(profile.id));
    if (!outcome.ok) return;
    setProfiles((list ?? []).filter((p) => p.id !== profile.id));
    setDone(t('shipping.deleted', { label: profile.label }));
  }

  return (
    <>
      <h1>{t('shipping.title')}</h1>
      <p>{t('shipping.intro')}</p>
      <SelectField
        label={t('shipping.showCostsIn')}
        name="currency"
        value={currency}
        onChange={(e) => setCurrency(e.target.value)}
        hint={t('shipping.showCostsHint')}
      >
        {CURRENCIES.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={error} />
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {list === null ? (
        state.status === 'failed' ? (
          <LoadError error={state.error} what={t('shipping.what')} onRetry={retry} />
        ) : (
          <Loading>{t('shipping.loading')}</Loading>
        )
      ) : (
        <>
          {list.length === 0 ? <p>{t('shipping.empty')}</p> : null}
          <ul className="card-list seller-list" aria-label={t('shipping.listLabel')}>
            {list.map((profile) =>
              editing === profile.id ? (
                <li key={profile.id} className="card">
                  <ProfileForm
                    profile={profile}
                    currency={currency}
                    onSaved={saved}
                    onCancel={() => setEditing(null)}
                  />
                </li>
              ) : (
                <ProfileCard
                  key={profile.id}
                  profile={profile}
                  currency={currency}
                  busy={pending}
                  onEdit={() => setEditing(profile.id)}
                  onDelete={() => void remove(profile)}
                />
              ),
            )}
          </ul>
          <section className="section card">
            <ProfileForm key={list.length} profile={null} currency={currency} onSaved={saved} />
          </section>
        </>
      )}
    </>
  );
}
