// The store's return policy in store settings: how many days after delivery buyers may ask
// (15 to 365) and how many days the seller has to answer (2 to 14).
import { useState, type SubmitEvent } from 'react';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { returnsApi, type ReturnPolicy } from '../api.ts';

const WORDING = {
  fieldMessages: {
    windowDays: 'Enter a whole number of days from 15 to 365.',
    responseDays: 'Enter a whole number of days from 2 to 14.',
  },
};

function PolicyForm({ initial }: { initial: ReturnPolicy }) {
  const { pending, error, run } = useRequest(WORDING);
  const [windowDays, setWindowDays] = useState(String(initial.windowDays));
  const [responseDays, setResponseDays] = useState(String(initial.responseDays));
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const outcome = await run(() =>
      returnsApi.setPolicy({ windowDays: Number(windowDays), responseDays: Number(responseDays) }),
    );
    if (!outcome.ok) return;
    setWindowDays(String(outcome.value.windowDays));
    setResponseDays(String(outcome.value.responseDays));
    setSaved(true);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="return-policy">
      <h2 id="return-policy">Return policy</h2>
      <ErrorAlert error={error} formFields={['windowDays', 'responseDays']} />
      <TextField
        label="Return window (days after delivery)"
        name="windowDays"
        type="number"
        inputMode="numeric"
        min={15}
        max={365}
        value={windowDays}
        onChange={(e) => {
          setWindowDays(e.target.value);
          setSaved(false);
        }}
        hint="From 15 to 365 days. Buyers can ask to return items until then."
        error={error?.fields.windowDays}
      />
      <TextField
        label="Days to answer a return"
        name="responseDays"
        type="number"
        inputMode="numeric"
        min={2}
        max={14}
        value={responseDays}
        onChange={(e) => {
          setResponseDays(e.target.value);
          setSaved(false);
        }}
        hint="From 2 to 14 days. Unanswered returns then go to Souk support."
        error={error?.fields.responseDays}
      />
      <button type="submit" className="button" disabled={pending}>
        Save return policy
      </button>
      {saved ? (
        <StatusMessage>
          <p>Return policy saved</p>
        </StatusMessage>
      ) : null}
    </form>
  );
}

export function ReturnPolicySection() {
  const { state, retry } = useLoad('return-policy', (signal) => returnsApi.policy(signal));
  if (state.status === 'loaded') return <PolicyForm initial={state.data} />;
  if (state.status === 'failed') return <LoadError error={state.error} what="your return policy" onRetry={retry} />;
  return <Loading>Loading your return policy…</Loading>;
}
