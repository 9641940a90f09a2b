import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { accountApi, type Session } from '../../api.ts';
import { ErrorAlert, StatusMessage } from '../../../../components/alerts.tsx';
import { useMe } from '../../../../lib/me-context.tsx';
import { describeError, type FormError } from '../../../../lib/form-error.ts';
import { usePageTitle } from '../../../../lib/use-page-title.ts';
import { useRequest } from '../../../../lib/use-request.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { describeDevice } from '../../user-agent.ts';
import '../../styles.css';

type T = TFunction<'account'>;

function dateTime(t: T, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? t('sessions.unknownDate') : formatDateTime(date);
}

/** A browser by what its user agent says; an app (bearer token) as "App", with the agent it sent. */
function describeSession(t: T, session: Session): string {
  if (session.kind !== 'app') {
    const device = describeDevice(session.userAgent);
    if (device.browser !== undefined && device.system !== undefined)
      return t('sessions.browserOn', { browser: device.browser, system: device.system });
    if (device.browser !== undefined) return device.browser;
    if (device.system !== undefined) return t('sessions.aBrowserOn', { system: device.system });
    return t('sessions.unknownDevice');
  }
  const agent = session.userAgent?.trim().slice(0, 80);
  return agent ? t('sessions.appWith', { agent }) : t('sessions.app');
}

type Load = { status: 'loading' } | { status: 'loaded'; sessions: Session[] } | { status: 'failed'; error: FormError };

function SessionItem({ session, busy, onEnd }: { session: Session; busy: boolean; onEnd: (session: Session) => void }) {
  const { t } = useTranslation('account');
  const device = describeSession(t, session);
  return (
    <li className="card session">
      <div>
        <h2 className="card-title">
          {device} {session.current ? <span className="badge badge-success">{t('sessions.thisDevice')}</span> : null}
        </h2>
        <p className="muted">
          {t('sessions.signedIn', {
            signedIn: dateTime(t, session.createdAt),
            lastSeen: dateTime(t, session.lastSeenAt),
          })}
        </p>
      </div>
      {session.current ? null : (
        <button
          type="button"
          className="button button-secondary"
          aria-label={t('sessions.endLabel', { device })}
          disabled={busy}
          onClick={() => onEnd(session)}
        >
          {t('sessions.end')}
        </button>
      )}
    </li>
  );
}

export function SettingsSessionsPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('sessions.title'));
  const { refresh } = useMe();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, run } = useRequest();

  const reload = useCallback(async () => {
    try {
      setLoad({ status: 'loaded', sessions: await accountApi.listSessions() });
    } catch (failure) {
      // A 401 means this session itself has ended: the account area then sends the user to sign in.
      if (failure instanceof ApiError && failure.status === 401) void refresh();
      setLoad({ status: 'failed', error: describeError(failure) });
    }
  }, [refresh]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function endSession(session: Session) {
    setDone(null);
    const outcome = await run(() => accountApi.endSession(session.id));
    if (!outcome.ok) return;
    setLoad((current) =>
      current.status === 'loaded'
        ? { status: 'loaded', sessions: current.sessions.filter((s) => s.id !== session.id) }
        : current,
    );
    setDone(t('sessions.ended', { device: describeSession(t, session) }));
  }

  async function endOthers() {
    setDone(null);
    const outcome = await run(() => accountApi.endOtherSessions());
    if (!outcome.ok) return;
    await reload();
    setDone(t('sessions.othersEnded'));
  }

  return (
    <>
      <h1>{t('sessions.title')}</h1>
      <p>{t('sessions.intro')}</p>
      <ErrorAlert error={load.status === 'failed' ? load.error : error} />
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {load.status === 'loading' ? <p>{t('sessions.loading')}</p> : null}
      {load.status === 'loaded' ? (
        <ul className="card-list" aria-label={t('sessions.listLabel')}>
          {load.sessions.map((session) => (
            <SessionItem key={session.id} session={session} busy={pending} onEnd={endSession} />
          ))}
        </ul>
      ) : null}
      <button type="button" className="button" onClick={endOthers} disabled={pending || load.status !== 'loaded'}>
        {t('sessions.endOthers')}
      </button>
    </>
  );
}
