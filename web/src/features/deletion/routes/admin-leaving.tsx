// Management → Why people leave: the reasons given when deleting an account, per week, and the comments.
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { deletionsApi } from '../api.ts';
import '../styles.css';

export function AdminLeavingInsightsPage() {
  usePageTitle('Why people leave');
  const { state, retry } = useLoad('insights', deletionsApi.insights);
  if (state.status === 'failed') return <LoadError error={state.error} what="the reasons" onRetry={retry} />;
  if (state.status !== 'loaded') return <Loading>Loading…</Loading>;
  const { weeks, reasons, comments } = state.data;
  const max = Math.max(1, ...weeks.map((w) => w.total));
  return (
    <>
      <h1 tabIndex={-1}>Why people leave</h1>
      <p className="muted">Reasons given when deleting an account, stored with no link to anyone (only the week).</p>
      <section className="section" aria-labelledby="shares-heading">
        <h2 id="shares-heading">Share of each reason</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Requests</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r.reason}>
                <th scope="row">{r.label}</th>
                <td>{r.count}</td>
                <td>
                  <span className="bar" style={{ width: `${Math.round(r.share * 100)}%` }} aria-hidden="true" />{' '}
                  {Math.round(r.share * 100)}%
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="section" aria-labelledby="weeks-heading">
        <h2 id="weeks-heading">Per week</h2>
        {weeks.length === 0 ? (
          <p>No reasons given in the last 26 weeks.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Reasons given</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{formatDate(new Date(`${w.week}T00:00:00`))}</th>
                  <td>
                    <span
                      className="bar"
                      style={{ width: `${Math.round((w.total / max) * 100)}%` }}
                      aria-hidden="true"
                    />{' '}
                    {w.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="section" aria-labelledby="comments-heading">
        <h2 id="comments-heading">Comments</h2>
        {comments.length === 0 ? (
          <p>No comments.</p>
        ) : (
          <ul className="card-list">
            {comments.map((c, i) => (
              <li key={i} className="card">
                <p className="muted">
                  Week of {formatDate(new Date(`${c.week}T00:00:00`))} ·{' '}
                  {reasons.find((r) => r.reason === c.reason)?.label ?? 'No reason given'}
                </p>
                <p>{c.comment}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
