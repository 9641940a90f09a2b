import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { ApiError } from '../../../../api/client.ts';
import { accountApi, type NotificationPreference } from '../../api.ts';
import { ErrorAlert, StatusMessage } from '../../../../components/alerts.tsx';
import { useMe } from '../../../../lib/me-context.tsx';
import { describeError, type FormError } from '../../../../lib/form-error.ts';
import { usePageTitle } from '../../../../lib/use-page-title.ts';
import { useRequest } from '../../../../lib/use-request.ts';
import '../../styles.css';

type Load = { status: 'loading' } | { status: 'loaded' } | { status: 'failed'; error: FormError };

function PreferenceSwitch({
  preference,
  onToggle,
}: {
  preference: NotificationPreference;
  onToggle: (kind: string, enabled: boolean) => void;
}) {
  const id = useId();
  return (
    <li className="switch-field">
      <input
        id={id}
        type="checkbox"
        role="switch"
        name={preference.kind}
        // A required kind is always on, whatever the server last stored.
        checked={preference.required || preference.enabled}
        disabled={preference.required}
        aria-describedby={`${id}-description`}
        onChange={(event) => onToggle(preference.kind, event.target.checked)}
      />
      <div>
        <label htmlFor={id}>{preference.label}</label>
        {/* Outside the label, so the switch's name is exactly the server's label. */}
        <p id={`${id}-description`} className="field-hint">
          {preference.required ? <span className="badge">Always on</span> : null} {preference.description}
        </p>
      </div>
    </li>
  );
}

export function SettingsNotificationsPage() {
  usePageTitle('Notifications');
  const { refresh } = useMe();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [preferences, setPreferences] = useState<NotificationPreference[]>([]);
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useRequest();

  useEffect(() => {
    let current = true;
    accountApi.listNotificationPreferences().then(
      (loaded) => {
        if (!current) return;
        setPreferences(loaded);
        setLoad({ status: 'loaded' });
      },
      (failure: unknown) => {
        if (!current) return;
        if (failure instanceof ApiError && failure.status === 401) void refresh();
        setLoad({ status: 'failed', error: describeError(failure) });
      },
    );
    return () => {
      current = false;
    };
  }, [refresh]);

  function toggle(kind: string, enabled: boolean) {
    setSaved(false);
    setPreferences((current) => current.map((p) => (p.kind === kind ? { ...p, enabled } : p)));
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const choices = Object.fromEntries(preferences.map((p) => [p.kind, p.required || p.enabled]));
    const outcome = await run(() => accountApi.saveNotificationPreferences(choices));
    if (!outcome.ok) return;
    setPreferences(outcome.value);
    setSaved(true);
  }

  return (
    <>
      <h1>Notifications</h1>
      <p>Choose which emails Souk sends you. Some are needed to keep your account safe and cannot be turned off.</p>
      {load.status === 'loading' ? <p>Loading your preferences…</p> : null}
      {load.status === 'failed' ? <ErrorAlert error={load.error} /> : null}
      {load.status === 'loaded' ? (
        <form className="form" onSubmit={onSubmit}>
          <ErrorAlert error={error} />
          <fieldset>
            <legend>Email notifications</legend>
            <ul className="switch-list">
              {preferences.map((preference) => (
                <PreferenceSwitch key={preference.kind} preference={preference} onToggle={toggle} />
              ))}
            </ul>
          </fieldset>
          <button type="submit" className="button" disabled={pending}>
            Save preferences
          </button>
          {saved ? (
            <StatusMessage>
              <p>Preferences saved</p>
            </StatusMessage>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
