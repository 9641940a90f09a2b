// /admin/exchange-rates: the exchange rates prices are converted with (issue 20, decision 058) —
// their day, where they came from and whether they are stale — the sets recorded before, and a form
// to record a new set by hand (the operator's rates file and feed record theirs on their own).
import { type FormEvent, useState } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { type ExchangeRates, ratesApi } from '../api.ts';

function sourceLabel(t: TFunction<'admin'>, source: 'file' | 'staff' | 'feed' | 'sample'): string {
  switch (source) {
    case 'file':
      return t('rates.source.file');
    case 'staff':
      return t('rates.source.staff');
    case 'feed':
      return t('rates.source.feed');
    case 'sample':
      return t('rates.source.sample');
  }
}

/** "USD 1.0834" or "USD=1.0834" or "USD,1.0834" per line → {USD: "1.0834"}; lines it cannot read are returned apart. */
export function parseRateLines(text: string): { rates: Record<string, string>; unread: string[] } {
  const rates: Record<string, string> = {};
  const unread: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^([A-Za-z]{3})\s*[=,:;\s]\s*([0-9]+(?:[.,][0-9]+)?)$/.exec(line);
    if (match) rates[match[1]!.toUpperCase()] = match[2]!.replace(',', '.');
    else unread.push(line);
  }
  return { rates, unread };
}

function RecordForm({
  current,
  onRecorded,
}: {
  current: ExchangeRates['current'];
  onRecorded: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { pending, error, run } = useRequest();
  const [unread, setUnread] = useState<string[]>([]);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = parseRateLines(String(form.get('rates') ?? ''));
    setUnread(parsed.unread);
    if (parsed.unread.length > 0) return;
    const base = String(form.get('base') ?? '')
      .trim()
      .toUpperCase();
    const asOf = String(form.get('asOf') ?? '');
    const done = await run(() => ratesApi.record({ base, asOf, rates: parsed.rates }));
    if (done.ok) onRecorded(done.value.recorded ? t('rates.recorded') : t('rates.unchanged'));
  }
  const today = new Date().toISOString().slice(0, 10);
  const lines = current
    ? current.rates
        .filter((r) => r.currency !== current.base)
        .map((r) => `${r.currency} ${r.rate}`)
        .join('\n')
    : '';
  return (
    <form onSubmit={submit} noValidate aria-labelledby="record-heading">
      <h2 id="record-heading">{t('rates.recordHeading')}</h2>
      <ErrorAlert error={error} formFields={['base', 'asOf']} />
      {unread.length > 0 ? (
        <div role="alert" className="notice notice-error">
          <p>{t('rates.unread')}</p>
          <ul>
            {unread.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextField
        label={t('rates.base')}
        name="base"
        defaultValue={current?.base ?? 'EUR'}
        hint={t('rates.baseHint')}
        autoComplete="off"
        maxLength={3}
        required
        error={error?.fields.base}
      />
      <TextField
        label={t('rates.asOf')}
        name="asOf"
        type="date"
        defaultValue={today}
        max={today}
        required
        error={error?.fields.asOf}
      />
      <TextAreaField
        label={t('rates.rates')}
        name="rates"
        hint={t('rates.ratesHint')}
        rows={8}
        defaultValue={lines}
        required
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('rates.recording') : t('rates.record')}
      </button>
    </form>
  );
}

export function AdminRatesPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('nav.rates'));
  const [version, setVersion] = useState(0);
  const [feedback, setFeedback] = useState<string | null>(null);
  const { state, retry } = useLoad(`exchange-rates:${version}`, (signal) => ratesApi.get(signal));
  const data = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  const current = data?.current ?? null;
  return (
    <>
      <h1 tabIndex={-1}>{t('nav.rates')}</h1>
      {feedback ? <StatusMessage key={feedback}>{feedback}</StatusMessage> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('rates.what')} onRetry={retry} /> : null}
      {data === undefined && state.status === 'loading' ? <Loading>{t('rates.loading')}</Loading> : null}
      {data ? (
        <>
          {current === null ? (
            <p>{t('rates.none')}</p>
          ) : (
            <section aria-labelledby="current-heading">
              <h2 id="current-heading">{t('rates.inUse')}</h2>
              {current.stale ? (
                <div className="notice notice-error" role="status">
                  <p>
                    <Trans
                      t={t}
                      i18nKey="rates.stale"
                      values={{ date: current.asOf, days: current.ageDays, staleDays: data.staleDays }}
                      components={{ strong: <strong /> }}
                    />
                  </p>
                </div>
              ) : null}
              <p>
                {t('rates.current', { date: current.asOf, base: current.base, source: sourceLabel(t, current.source) })}{' '}
                <DateTime iso={current.recordedAt} />.
              </p>
              <table>
                <caption className="visually-hidden">{t('rates.caption', { base: current.base })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('rates.currency')}</th>
                    <th scope="col">{t('rates.buys', { base: current.base })}</th>
                    <th scope="col">{t('rates.decimals')}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.rates.map((r) => (
                    <tr key={r.currency}>
                      <th scope="row">{r.currency}</th>
                      <td>{r.rate}</td>
                      <td>{r.digits}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <p>
            {data.fileConfigured ? t('rates.fileConfigured') : ''}
            {data.feedConfigured ? t('rates.feedConfigured') : ''}
            {!data.fileConfigured && !data.feedConfigured ? t('rates.noneConfigured') : ''}
          </p>
          <RecordForm
            key={current?.id ?? 'none'}
            current={current}
            onRecorded={(message) => {
              setFeedback(message);
              setVersion((v) => v + 1);
            }}
          />
          {data.history.length > 0 ? (
            <section aria-labelledby="history-heading">
              <h2 id="history-heading">{t('rates.history')}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('rates.ratesOf')}</th>
                    <th scope="col">{t('rates.baseColumn')}</th>
                    <th scope="col">{t('rates.currencies')}</th>
                    <th scope="col">{t('rates.from')}</th>
                    <th scope="col">{t('rates.recordedColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.history.map((h) => (
                    <tr key={h.id}>
                      <td>{h.asOf}</td>
                      <td>{h.base}</td>
                      <td>{h.currencies}</td>
                      <td>{sourceLabel(t, h.source)}</td>
                      <td>
                        <DateTime iso={h.recordedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
