// /admin/reports: reported reviews, questions and answers for staff. Each shows what was written,
// by whom, on which product and why it was reported; staff hide it (everyone but its author stops
// seeing it, ratings follow), dismiss the reports, or show a hidden post again. Layout-agnostic:
// it renders inside whatever layout the /admin console gives it.
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { PostText } from '../components/post-parts.tsx';
import { Stars } from '../../../components/stars.tsx';
import { postsApi, REPORT_REASONS, type ReportedPost } from '../api.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

const KIND_LABEL = { review: 'Review', question: 'Question', answer: 'Answer' } as const;
const reasonLabel = (value: string) => REPORT_REASONS.find((r) => r.value === value)?.label ?? value;

function ReportedItem({ post, onDone }: { post: ReportedPost; onDone: (message: string) => void }) {
  const { pending, error, run } = useRequest();
  const name = `${KIND_LABEL[post.kind]} by ${post.author.name} on ${post.product.title}`;
  async function act(action: 'hide' | 'unhide' | 'dismiss', message: string) {
    const outcome = await run(() => postsApi.moderate(post.kind, post.id, action));
    if (outcome.ok) onDone(message);
  }
  return (
    <li>
      <article className="post reported-post" aria-label={name}>
        <h2 className="reported-title">
          {KIND_LABEL[post.kind]} by {post.author.name} on{' '}
          <Link to={`/p/${encodeURIComponent(post.product.id)}`}>{post.product.title}</Link>
        </h2>
        <p className="muted">
          Written <DateTime iso={post.createdAt} /> · {post.openReports} open{' '}
          {post.openReports === 1 ? 'report' : 'reports'}
          {post.hidden ? ' · Hidden' : ''}
        </p>
        {post.rating !== null ? <Stars value={post.rating} size="small" /> : null}
        <PostText text={post.body} />
        <h3>Reports</h3>
        <ul className="report-list">
          {post.reports.map((r, n) => (
            <li key={n}>
              <strong>{reasonLabel(r.reason)}</strong> · <DateTime iso={r.at} />
              {r.open ? '' : ' (handled)'}
              {r.note !== '' ? <p className="report-note">“{r.note}”</p> : null}
            </li>
          ))}
        </ul>
        <ErrorAlert error={error} />
        <div className="button-row">
          {post.hidden ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={pending}
              onClick={() => void act('unhide', `${name} is shown again.`)}
            >
              Show again
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button button-danger-solid"
                disabled={pending}
                onClick={() => void act('hide', `${name} is hidden.`)}
              >
                Hide {post.kind}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={pending}
                onClick={() => void act('dismiss', `Reports on ${name} are dismissed.`)}
              >
                Keep and dismiss reports
              </button>
            </>
          )}
        </div>
      </article>
    </li>
  );
}

export function AdminReportsPage() {
  usePageTitle('Reported posts');
  const [status, setStatus] = useState<'open' | 'hidden'>('open');
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const { state, retry } = useLoad(`${status}|${version}`, (signal) => postsApi.listReported(status, signal));

  return (
    <>
      <h1 tabIndex={-1}>Reported posts</h1>
      <p>
        Reviews, questions and answers people reported. Hidden posts disappear for everyone but their author, and no
        longer count in ratings.
      </p>
      <div className="field field-inline">
        <label htmlFor="report-status">Show</label>
        <select id="report-status" value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'hidden')}>
          <option value="open">Waiting for a decision</option>
          <option value="hidden">Hidden posts</option>
        </select>
      </div>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {state.status === 'failed' ? (
        state.error.status === 403 ? (
          <p role="alert" className="notice notice-error">
            Only staff can moderate posts.
          </p>
        ) : (
          <LoadError error={state.error} what="reported posts" onRetry={retry} />
        )
      ) : state.status === 'loading' ? (
        <Loading>Loading reported posts…</Loading>
      ) : state.data.items.length === 0 ? (
        <p>{status === 'open' ? 'No reports are waiting. Well done.' : 'No posts are hidden.'}</p>
      ) : (
        <ul
          className="post-list"
          aria-label={status === 'open' ? 'Reported posts waiting for a decision' : 'Hidden posts'}
        >
          {state.data.items.map((post) => (
            <ReportedItem
              key={`${post.kind}-${post.id}`}
              post={post}
              onDone={(message) => {
                setDone(message);
                setVersion((v) => v + 1);
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}
