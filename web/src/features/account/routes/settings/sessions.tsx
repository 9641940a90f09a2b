import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../../api/client.ts';
import { accountApi, type Session } from '../../api.ts';
import { ErrorAlert, StatusMessage } from '../../../../components/alerts.tsx';
import { useMe } from '../../../../lib/me-context.tsx';
import { describeError, type FormError } from '../../../../lib/form-error.ts';
import { usePageTitle } from '../../../../lib/use-page-title.ts';
import { useRequest } from '../../../../lib/use-request.ts';
import { describeDevice } from '../../user-agent.ts';
import '../../styles.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function DateTime({ iso }: { iso: string }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <>unknown</>;
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>;
}

/** A browser by what its user agent says; an app (bearer token) as "App", with the agent it sent. */
function describeSession(session: Session): string {
  if (session.kind !== 'app') return describeDevice(session.userAgent);
  const agent = session.userAgent?.trim().slice(0, 80);
  return agent ? `App (${agent})` : 'App';
}

type Load = { status: 'loading' } | { status: 'loaded'; sessions: Session[] } | { status: 'failed'; error: FormError };

function SessionItem({ session, busy, onEnd }: { session: Session; busy: boolean; onEnd: (session: Session) => void }) {
  const device = describeSession(session);
  return (
    <li className="card session">
      <div>
        <h2 className="card-title">
          {device} {session.current ? <span className="badge badge-success">This device</span> : null}
        </h2>
        <p className="muted">
          Signed in <DateTime iso={session.createdAt} />. Last active <DateTime iso={session.lastSeenAt} />.
        </p>
      </div>
      {session.current ? null : (
        <button
          type="button"
          className="button button-secondary"
          aria-label={`End session on ${device}`}
          disabled={busy}
          onClick={() => onEnd(session)}
        >
          End session
        </button>
      )}
    </li>
  );
}

export function SettingsSessionsPage() {
  usePageTitle('Sessions');
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
    setDone(`Session on ${describeSession(session)} ended.`);
  }

  async function endOthers() {
    setDone(null);
    const outcome = await run(() => accountApi.endOtherSessions());
    if (!outcome.ok) return;
    await reload();
    setDone('All other sessions were signed out.');
  }

  return (
    <>
      <h1>Sessions</h1>
      <p>These are the browsers, devices and apps signed in to your account. End any session you do not recognise.</p>
      <ErrorAlert error={load.status === 'failed' ? load.error : error} />
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {load.status === 'loading' ? <p>Loading sessions…</p> : null}
      {load.status === 'loaded' ? (
        <ul className="card-list" aria-label="Signed-in sessions">
          {load.sessions.map((session) => (
            <SessionItem key={session.id} session={session} busy={pending} onEnd={endSession} />
          ))}
        </ul>
      ) : null}
      <button type="button" className="button" onClick={endOthers} disabled={pending || load.status !== 'loaded'}>
        Sign out all other sessions
      </button>
    </>
  );
}
