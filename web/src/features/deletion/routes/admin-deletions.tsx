// Management → Deletion requests: the queue by due date (overdue ones stand out), process now,
// hold for a legal reason, release, resolve what the erasure's verification found.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { deletionsApi, type DeletionRequest } from '../api.ts';
import { FocusedStatus } from '../components/focused-status.tsx';
import { RequestCard, type Feedback } from '../components/request-card.tsx';
import '../styles.css';

const FILTERS = [{ key: 'open' }, { key: 'completed' }, { key: 'cancelled' }, { key: 'all' }] as const;

export function AdminDeletionsPage() {
  const { t } = useTranslation('deletion');
  usePageTitle(t('admin.title'));
  const filterLabel = (key: (typeof FILTERS)[number]['key']) => {
    switch (key) {
      case 'open':
        return t('admin.filterOpen');
      case 'completed':
        return t('admin.filterCompleted');
      case 'cancelled':
        return t('admin.filterCancelled');
      case 'all':
        return t('admin.filterAll');
    }
  };
  const [params] = useSearchParams();
  const filter = FILTERS.find((f) => f.key === params.get('status')) ?? FILTERS[0];
  const [version, setVersion] = useState(0);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const { state, retry } = useLoad(`${filter.key}:${version}`, (signal) => deletionsApi.list(filter.key, signal));
  // While the list reloads after an action, the previous one stays on screen: each card keeps its
  // place, its focus and its feedback.
  const list = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  const current = feedback !== null && feedback.filter === filter.key ? feedback : null;
  // A request that leaves this list (completed, say) has its feedback shown above the list instead.
  const departed =
    current !== null && list !== undefined && !list.items.some((i) => i.id === current.id) ? current : null;

  function onDone(next: DeletionRequest, message: string) {
    // A new seq shows the message afresh even when it repeats the last one (processing twice).
    setFeedback((last) => ({
      id: next.id,
      reference: next.reference,
      filter: filter.key,
      message,
      seq: (last?.seq ?? 0) + 1,
    }));
    setVersion((v) => v + 1);
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('admin.title')}</h1>
      <nav aria-label={t('admin.filterLabel')} className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link
                to={f.key === 'open' ? '/admin/deletions' : `/admin/deletions?status=${f.key}`}
                aria-current={f.key === filter.key ? 'page' : undefined}
              >
                {filterLabel(f.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {departed !== null ? (
        <FocusedStatus
          key={departed.seq}
          message={t('admin.departed', { reference: departed.reference, message: departed.message })}
        />
      ) : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('admin.loadWhat')} onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>{t('admin.loading')}</Loading> : null}
      {list !== undefined ? (
        list.items.length === 0 ? (
          <p>{t('admin.empty')}</p>
        ) : (
          <ul className="card-list" aria-label={t('admin.title')}>
            {list.items.map((item) => (
              <RequestCard
                key={item.id}
                item={item}
                feedback={current?.id === item.id ? current : null}
                onDone={onDone}
              />
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}
