import { Link } from 'react-router';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import '../styles.css';

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(date);
}

export function AccountOverviewPage() {
  usePageTitle('Overview');
  const { state } = useMe();
  // AccountLayout renders its pages only for a signed-in user.
  if (state.status !== 'signed-in') return null;
  const { me } = state;

  return (
    <>
      <h1>Overview</h1>
      <p className="lead">Hello, {me.displayName || me.email}.</p>
      <dl className="details">
        <div>
          <dt>Email</dt>
          <dd>
            {me.email}{' '}
            {me.emailVerified ? (
              <span className="badge badge-success">Verified</span>
            ) : (
              <span className="badge badge-warning">Not verified</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Display name</dt>
          <dd>{me.displayName || 'Not set'}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{formatDate(me.createdAt)}</dd>
        </div>
      </dl>
      {me.emailVerified ? null : <p>Open the link we sent to {me.email} to verify your address.</p>}
      <p>
        <Link to="/account/settings/profile">Edit profile</Link>
      </p>
    </>
  );
}
