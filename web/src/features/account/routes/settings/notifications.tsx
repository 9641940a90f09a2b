import { useEffect, useId, useState, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { accountApi, type NotificationPreference } from '../../api.ts';
import { ErrorAlert, StatusMessage } from '../../../../components/alerts.tsx';
import { useMe } from '../../../../lib/me-context.tsx';
import { describeError, type FormError } from '../../../../lib/form-error.ts';
import { usePageTitle } from '../../../../lib/use-page-title.ts';
import { useRequest } from '../../../../lib/use-request.ts';
import '../../styles.css';

type Load = { status: 'loading' } | { status: 'loaded' } | { status: 'failed'; error: FormError };

/** A kind of email's name and description in the reader's language; the server's for a kind this app does not know. */
function kindWording(
  t: TFunction<'account'>,
  preference: NotificationPreference,
): { label: string; description: string } {
  switch (preference.kind) {
    case 'account_security':
      return {
        label: t('notifications.kinds.account_security.label'),
        description: t('notifications.kinds.account_security.description'),
      };
    case 'order_receipts':
      return {
        label: t('notifications.kinds.order_receipts.label'),
        description: t('notifications.kinds.order_receipts.description'),
      };
    case 'order_updates':
      return {
        label: t('notifications.kinds.order_updates.label'),
        description: t('notifications.kinds.order_updates.description'),
      };
    case 'messages':
      return {
        label: t('notifications.kinds.messages.label'),
        description: t('notifications.kinds.messages.description'),
      };
    case 'offers':
      return { label: t('notifications.kinds.offers.label'), description: t('notifications.kinds.offers.description') };
    case 'support_replies':
      return {
        label: t('notifications.kinds.support_replies.label'),
        description: t('notifications.kinds.support_replies.description'),
      };
    default:
      return { label: preference.label, description: preference.description };
  }
}

function PreferenceSwitch({
  preference,
  onToggle,
}: {
  preference: NotificationPreference;
  onToggle: (kind: string, enabled: boolean) => void;
}) {
  const { t } = useTranslation('account');
  const id = useId();
  const { label, description } = kindWording(t, preference);
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
        <label htmlFor={id}>{label}</label>
        {/* Outside the label, so the switch's name is exactly the kind's name. */}
        <p id={`${id}-description`} className="field-hint">
          {preference.required ? <span className="badge">{t('notifications.alwaysOn')}</span> : null} {description}
        </p>
      </div>
    </li>
  );
}

export function SettingsNotificationsPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('notifications.title'));
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
      <h1>{t('notifications.title')}</h1>
      <p>{t('notifications.intro')}</p>
      {load.status === 'loading' ? <p>{t('notifications.loading')}</p> : null}
      {load.status === 'failed' ? <ErrorAlert error={load.error} /> : null}
      {load.status === 'loaded' ? (
        <form className="form" onSubmit={onSubmit}>
          <ErrorAlert error={error} />
          <fieldset>
            <legend>{t('notifications.legend')}</legend>
            <ul className="switch-list">
              {preferences.map((preference) => (
                <PreferenceSwitch key={preference.kind} preference={preference} onToggle={toggle} />
              ))}
            </ul>
          </fieldset>
          <button type="submit" className="button" disabled={pending}>
            {t('notifications.save')}
          </button>
          {saved ? (
            <StatusMessage>
              <p>{t('notifications.saved')}</p>
            </StatusMessage>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
