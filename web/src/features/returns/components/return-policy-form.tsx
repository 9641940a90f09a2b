// The store's return policy in store settings: how many days after delivery buyers may ask
// (15 to 365) and how many days the seller has to answer (2 to 14).
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { returnsApi, type ReturnPolicy } from '../api.ts';

function PolicyForm({ initial }: { initial: ReturnPolicy }) {
  const { t } = useTranslation('returns');
  const { pending, error, run } = useRequest({
    fieldMessages: { windowDays: t('policy.windowError'), responseDays: t('policy.responseError') },
  });
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
      <h2 id="return-policy">{t('policy.heading')}</h2>
      <ErrorAlert error={error} formFields={['windowDays', 'responseDays']} />
      <TextField
        label={t('policy.window')}
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
        hint={t('policy.windowHint')}
        error={error?.fields.windowDays}
      />
      <TextField
        label={t('policy.response')}
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
        hint={t('policy.responseHint')}
        error={error?.fields.responseDays}
      />
      <button type="submit" className="button" disabled={pending}>
        {t('policy.save')}
      </button>
      {saved ? (
        <StatusMessage>
          <p>{t('policy.saved')}</p>
        </StatusMessage>
      ) : null}
    </form>
  );
}

export function ReturnPolicySection() {
  const { t } = useTranslation('returns');
  const { state, retry } = useLoad('return-policy', (signal) => returnsApi.policy(signal));
  if (state.status === 'loaded') return <PolicyForm initial={state.data} />;
  if (state.status === 'failed') return <LoadError error={state.error} what={t('policy.loadWhat')} onRetry={retry} />;
  return <Loading>{t('policy.loading')}</Loading>;
}
