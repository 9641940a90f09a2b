// Management → Why people leave: the reasons given when deleting an account, per week, and the comments.
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatCount, formatDate, formatLocale } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { deletionsApi } from '../api.ts';
import { leavingReasonWording } from '../server-wording.ts';
import '../styles.css';

/** "42%" in the reader's locale ("42 %" in French). */
function formatPercent(share: number): string {
  return new Intl.NumberFormat(formatLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(
    Math.round(share * 100) / 100,
  );
}

export function AdminLeavingInsightsPage() {
  const { t } = useTranslation('deletion');
  usePageTitle(t('leaving.title'));
  const { state, retry } = useLoad('insights', deletionsApi.insights);
  if (state.status === 'failed') return <LoadError error={state.error} what={t('leaving.loadWhat')} onRetry={retry} />;
  if (state.status !== 'loaded') return <Loading>{t('leaving.loading')}</Loading>;
  const { weeks, reasons, comments } = state.data;
  const max = Math.max(1, ...weeks.map((w) => w.total));
  return (
    <>
      <h1 tabIndex={-1}>{t('leaving.title')}</h1>
      <p className="muted">{t('leaving.intro')}</p>
      <section className="section" aria-labelledby="shares-heading">
        <h2 id="shares-heading">{t('leaving.sharesHeading')}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('leaving.reason')}</th>
              <th scope="col">{t('leaving.requests')}</th>
              <th scope="col">{t('leaving.share')}</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r.reason}>
                <th scope="row">{leavingReasonWording(t, r.reason, r.label)}</th>
                <td>{formatCount(r.count)}</td>
                <td>
                  <span className="bar" style={{ width: `${Math.round(r.share * 100)}%` }} aria-hidden="true" />{' '}
                  {formatPercent(r.share)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="section" aria-labelledby="weeks-heading">
        <h2 id="weeks-heading">{t('leaving.weeksHeading')}</h2>
        {weeks.length === 0 ? (
          <p>{t('leaving.noWeeks')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('leaving.weekOf')}</th>
                <th scope="col">{t('leaving.reasonsGiven')}</th>
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
                    {formatCount(w.total)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="section" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t('leaving.commentsHeading')}</h2>
        {comments.length === 0 ? (
          <p>{t('leaving.noComments')}</p>
        ) : (
          <ul className="card-list">
            {comments.map((c, i) => (
              <li key={i} className="card">
                <p className="muted">
                  {t('leaving.commentWeek', {
                    date: formatDate(new Date(`${c.week}T00:00:00`)),
                    reason: leavingReasonWording(
                      t,
                      c.reason ?? 'none',
                      reasons.find((r) => r.reason === c.reason)?.label ?? t('leavingReasons.none'),
                    ),
                  })}
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
