// /admin/exchange-rates: the exchange rates prices are converted with (issue 20, decision 058) —
// their day, where they came from and whether they are stale — the sets recorded before, and a form
// to record a new set by hand (the operator's rates file and feed record theirs on their own).
import { type FormEvent, useState } from 'react';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { type ExchangeRates, ratesApi } from '../api.ts';

const SOURCE_LABELS = {
  file: 'the rates file',
  staff: 'staff',
  feed: 'the reference feed',
  sample: 'the demo’s sample rates (not real rates)',
} as const;

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
    if (done.ok)
      onRecorded(
        done.value.recorded ? 'The new rates are in use.' : 'These are the rates already in use: nothing was recorded.',
      );
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
      <h2 id="record-heading">Record new rates</h2>
      <ErrorAlert error={error} formFields={['base', 'asOf']} />
      {unread.length > 0 ? (
        <div role="alert" className="notice notice-error">
          <p>These lines are not a currency code and a rate:</p>
          <ul>
            {unread.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextField
        label="Base currency"
        name="base"
        defaultValue={current?.base ?? 'EUR'}
        hint="The currency every rate below is against, as an ISO 4217 code (EUR)."
        autoComplete="off"
        maxLength={3}
        required
        error={error?.fields.base}
      />
      <TextField
        label="Rates as of"
        name="asOf"
        type="date"
        defaultValue={today}
        max={today}
        required
        error={error?.fields.asOf}
      />
      <TextAreaField
        label="Rates"
        name="rates"
        hint="One per line: a currency code and how many of it one unit of the base buys, such as “USD 1.0834”."
        rows={8}
        defaultValue={lines}
        required
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Recording…' : 'Record these rates'}
      </button>
    </form>
  );
}

export function AdminRatesPage() {
  usePageTitle('Exchange rates');
  const [version, setVersion] = useState(0);
  const [feedback, setFeedback] = useState<string | null>(null);
  const { state, retry } = useLoad(`exchange-rates:${version}`, (signal) => ratesApi.get(signal));
  const data = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  const current = data?.current ?? null;
  return (
    <>
      <h1 tabIndex={-1}>Exchange rates</h1>
      {feedback ? <StatusMessage key={feedback}>{feedback}</StatusMessage> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what="the exchange rates" onRetry={retry} /> : null}
      {data === undefined && state.status === 'loading' ? <Loading>Loading the exchange rates…</Loading> : null}
      {data ? (
        <>
          {current === null ? (
            <p>No exchange rates yet: prices show in each seller’s own currency only.</p>
          ) : (
            <section aria-labelledby="current-heading">
              <h2 id="current-heading">In use</h2>
              {current.stale ? (
                <div className="notice notice-error" role="status">
                  <p>
                    <strong>These rates are stale:</strong> they are the rates of {current.asOf}, {current.ageDays} days
                    ago (more than {data.staleDays}). Prices are still converted with them; record newer ones.
                  </p>
                </div>
              ) : null}
              <p>
                Rates of {current.asOf} against {current.base}, from {SOURCE_LABELS[current.source]}, recorded{' '}
                <DateTime iso={current.recordedAt} />.
              </p>
              <table>
                <caption className="visually-hidden">Exchange rates against {current.base}</caption>
                <thead>
                  <tr>
                    <th scope="col">Currency</th>
                    <th scope="col">1 {current.base} buys</th>
                    <th scope="col">Decimals</th>
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
            {data.fileConfigured ? 'The rates file (RATES_FILE) is read every hour. ' : ''}
            {data.feedConfigured ? 'The reference feed (RATES_FEED_URL) is fetched every hour. ' : ''}
            {!data.fileConfigured && !data.feedConfigured
              ? 'No rates file or feed is configured: rates change only when recorded here.'
              : ''}
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
              <h2 id="history-heading">Recorded sets</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Rates of</th>
                    <th scope="col">Base</th>
                    <th scope="col">Currencies</th>
                    <th scope="col">From</th>
                    <th scope="col">Recorded</th>
                  </tr>
                </thead>
                <tbody>
                  {data.history.map((h) => (
                    <tr key={h.id}>
                      <td>{h.asOf}</td>
                      <td>{h.base}</td>
                      <td>{h.currencies}</td>
                      <td>{SOURCE_LABELS[h.source]}</td>
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
