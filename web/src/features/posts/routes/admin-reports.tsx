// /admin/reports: reported reviews, questions and answers for staff. Each shows what was written,
// by whom, on which product and why it was reported; staff hide it (everyone but its author stops
// seeing it, ratings follow), dismiss the reports, or show a hidden post again. Layout-agnostic:
// it renders inside whatever layout the /admin console gives it.
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { PostText, reasonLabel } from '../components/post-parts.tsx';
import { Stars } from '../../../components/stars.tsx';
import { postsApi, type ReportedPost } from '../api.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

/** "Review by Amina on Brass Lamp", and the hide button's label, per kind. */
function kindTexts(t: TFunction<'posts'>, post: ReportedPost) {
  const words = { name: post.author.name, title: post.product.title };
  switch (post.kind) {
    case 'review':
      return { name: t('reports.kind.review', words), hide: t('reports.hide.review') };
    case 'question':
      return { name: t('reports.kind.question', words), hide: t('reports.hide.question') };
    case 'answer':
      return { name: t('reports.kind.answer', words), hide: t('reports.hide.answer') };
  }
}

function ReportedItem({ post, onDone }: { post: ReportedPost; onDone: (message: string) => void }) {
  const { t } = useTranslation('posts');
  const { pending, error, run } = useRequest();
  const texts = kindTexts(t, post);
  const name = texts.name;
  async function act(action: 'hide' | 'unhide' | 'dismiss', message: string) {
    const outcome = await run(() => postsApi.moderate(post.kind, post.id, action));
    if (outcome.ok) onDone(message);
  }
  return (
    <li>
      <article className="post reported-post" aria-label={name}>
        <h2 className="reported-title">
          <Trans
            t={t}
            i18nKey={
              post.kind === 'review'
                ? 'reports.kindLinked.review'
                : post.kind === 'question'
                  ? 'reports.kindLinked.question'
                  : 'reports.kindLinked.answer'
            }
            values={{ name: post.author.name, title: post.product.title }}
            components={{ a: <Link to={`/p/${encodeURIComponent(post.product.id)}`} /> }}
          />
        </h2>
        <p className="muted">
          {t('reports.written')} <DateTime iso={post.createdAt} /> ·{' '}
          {t('reports.openReports', { count: post.openReports })}
          {post.hidden ? t('reports.hiddenMark') : ''}
        </p>
        {post.rating !== null ? <Stars value={post.rating} size="small" /> : null}
        <PostText text={post.body} />
        <h3>{t('reports.reports')}</h3>
        <ul className="report-list">
          {post.reports.map((r, n) => (
            <li key={n}>
              <strong>{reasonLabel(t, r.reason)}</strong> · <DateTime iso={r.at} />
              {r.open ? '' : t('reports.handled')}
              {r.note !== '' ? <p className="report-note">{t('reports.note', { note: r.note })}</p> : null}
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
              onClick={() => void act('unhide', t('reports.shownAgain', { name }))}
            >
              {t('reports.showAgain')}
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button button-danger-solid"
                disabled={pending}
                onClick={() => void act('hide', t('reports.hidden', { name }))}
              >
                {texts.hide}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={pending}
                onClick={() => void act('dismiss', t('reports.dismissed', { name }))}
              >
                {t('reports.dismiss')}
              </button>
            </>
          )}
        </div>
      </article>
    </li>
  );
}

export function AdminReportsPage() {
  const { t } = useTranslation('posts');
  usePageTitle(t('reports.title'));
  const [status, setStatus] = useState<'open' | 'hidden'>('open');
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const { state, retry } = useLoad(`${status}|${version}`, (signal) => postsApi.listReported(status, signal));

  return (
    <>
      <h1 tabIndex={-1}>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <div className="field field-inline">
        <label htmlFor="report-status">{t('reports.show')}</label>
        <select id="report-status" value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'hidden')}>
          <option value="open">{t('reports.waiting')}</option>
          <option value="hidden">{t('reports.hiddenPosts')}</option>
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
            {t('reports.staffOnly')}
          </p>
        ) : (
          <LoadError error={state.error} what={t('reports.what')} onRetry={retry} />
        )
      ) : state.status === 'loading' ? (
        <Loading>{t('reports.loading')}</Loading>
      ) : state.data.items.length === 0 ? (
        <p>{status === 'open' ? t('reports.noneWaiting') : t('reports.noneHidden')}</p>
      ) : (
        <ul className="post-list" aria-label={status === 'open' ? t('reports.waitingList') : t('reports.hiddenPosts')}>
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
