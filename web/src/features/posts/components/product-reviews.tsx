// The "Reviews" section of a product page: the rating, the reviews (newest or most helpful
// first, with photos), helpful votes and reports, and for a buyer whose order of the product was
// delivered, "Write a review" (or their own review with Edit and Delete).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ConfirmAction } from '../../../components/confirm-action.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { PostByline, PostText, ReportPost } from './post-parts.tsx';
import { ReviewForm } from './review-form.tsx';
import { RatingSummary, Stars } from '../../../components/stars.tsx';
import type { Rating } from '../../../components/stars.tsx';
import { postsApi, type Review, type ReviewSort } from '../api.ts';
import { formatCount } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

function ReviewPhotos({ review }: { review: Review }) {
  const { t } = useTranslation('posts');
  if (review.photos.length === 0) return null;
  return (
    <ul className="review-photos" aria-label={t('reviews.photosFrom', { name: review.author.name })}>
      {review.photos.map((photo, n) => (
        <li key={photo.id}>
          <a href={photo.url} target="_blank" rel="noreferrer">
            <img
              src={photo.url}
              alt={t('reviews.photoAlt', { n: n + 1, name: review.author.name })}
              width={120}
              height={120}
              loading="lazy"
            />
          </a>
        </li>
      ))}
    </ul>
  );
}

function HelpfulButton({ review }: { review: Review }) {
  const { t } = useTranslation('posts');
  const [state, setState] = useState({ count: review.helpfulCount, voted: review.votedHelpful });
  const { pending, error, run } = useRequest();
  async function toggle() {
    const outcome = await run(() => postsApi.setHelpful(review.id, !state.voted));
    if (outcome.ok) setState({ count: outcome.value.helpfulCount, voted: outcome.value.votedHelpful });
  }
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-pressed={state.voted}
        disabled={pending}
        onClick={() => void toggle()}
      >
        {t('reviews.helpful', { n: formatCount(state.count) })}
      </button>
      <ErrorAlert error={error} />
    </>
  );
}

function ReviewItem({ review, signedIn }: { review: Review; signedIn: boolean }) {
  const { t } = useTranslation('posts');
  return (
    <li>
      <article className="post" aria-label={t('reviews.reviewBy', { name: review.author.name })}>
        <Stars value={review.rating} size="small" />
        <PostByline name={review.author.name} createdAt={review.createdAt} updatedAt={review.updatedAt} />
        <PostText text={review.body} />
        <ReviewPhotos review={review} />
        <div className="post-actions">
          {review.helpfulCount > 0 && !signedIn ? (
            <span className="muted">{t('reviews.foundHelpful', { count: review.helpfulCount })}</span>
          ) : null}
          {signedIn && !review.mine ? (
            <>
              <HelpfulButton review={review} />
              <ReportPost
                kind="review"
                id={review.id}
                context={t('reviews.reportContext', { name: review.author.name })}
              />
            </>
          ) : null}
        </div>
      </article>
    </li>
  );
}

/** The signed-in person's part: their review with Edit and Delete, the form, or why there is none. */
function MyReview({
  productId,
  productTitle,
  onChanged,
}: {
  productId: string;
  productTitle: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation('posts');
  const location = useLocation();
  const [version, setVersion] = useState(0);
  const { state, retry } = useLoad(`${productId}|${version}`, (signal) => postsApi.myReview(productId, signal));
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, run } = useRequest();
  const heading = useRef<HTMLHeadingElement>(null);

  // Arriving from an order ("Write a review"): bring the form into view once it is there.
  const loaded = state.status === 'loaded';
  useEffect(() => {
    if (loaded && location.hash === '#write-review') heading.current?.scrollIntoView({ block: 'start' });
  }, [loaded, location.hash]);

  if (state.status === 'failed') return <LoadError error={state.error} what={t('reviews.whatYours')} onRetry={retry} />;
  if (state.status === 'loading') return <Loading>{t('reviews.loadingYours')}</Loading>;
  const { eligible, review } = state.data;
  const saved = (_review: Review, message: string) => {
    setEditing(false);
    setDone(message);
    setVersion((v) => v + 1);
    onChanged();
  };
  async function remove(): Promise<boolean> {
    if (review === null) return false;
    const outcome = await run(() => postsApi.deleteReview(review.id));
    if (!outcome.ok) return false;
    setDone(t('reviews.deleted'));
    setVersion((v) => v + 1);
    onChanged();
    return true;
  }

  let content: React.ReactNode;
  if (review !== null && !editing) {
    content = (
      <article className="post post-mine" aria-label={t('reviews.yours')}>
        {review.hidden ? <p className="notice notice-warning">{t('reviews.hiddenNotice')}</p> : null}
        <Stars value={review.rating} size="small" />
        <PostByline
          name={t('reviews.authorYou', { name: review.author.name })}
          createdAt={review.createdAt}
          updatedAt={review.updatedAt}
        />
        <PostText text={review.body} />
        <ReviewPhotos review={review} />
        <div className="post-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDone(null);
              setEditing(true);
            }}
          >
            {t('reviews.edit')}
          </button>
          <ConfirmAction
            label={t('reviews.delete')}
            question={t('reviews.deleteQuestion')}
            confirmLabel={t('reviews.confirmDelete')}
            keepLabel={t('reviews.keep')}
            pending={pending}
            onConfirm={remove}
          />
        </div>
        <ErrorAlert error={error} />
      </article>
    );
  } else if (review !== null || eligible) {
    content = (
      <ReviewForm
        productId={productId}
        productTitle={productTitle}
        existing={review}
        onSaved={saved}
        {...(review !== null ? { onCancel: () => setEditing(false) } : {})}
      />
    );
  } else {
    content = <p className="muted">{t('reviews.notEligible')}</p>;
  }
  return (
    <div className="my-review" id="write-review">
      <h3 ref={heading} tabIndex={-1}>
        {review !== null ? t('reviews.yours') : t('reviews.write')}
      </h3>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {content}
    </div>
  );
}

export function ProductReviews({
  productId,
  productTitle,
  rating,
  onReviewChanged,
}: {
  productId: string;
  productTitle: string;
  rating: Rating;
  /** After the viewer's review is written, changed or deleted: the page's other ratings are stale. */
  onReviewChanged?: () => void;
}) {
  const { t } = useTranslation('posts');
  const { state: me } = useMe();
  const [sort, setSort] = useState<ReviewSort>('newest');
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const { state, retry } = useLoad(`${productId}|${sort}|${page}|${version}`, (signal) =>
    postsApi.listReviews(productId, { sort, page }, signal),
  );
  const list = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  const current = list?.rating ?? rating;
  const totalPages = list === undefined ? 1 : Math.max(1, Math.ceil(list.total / list.pageSize));
  const signedIn = me.status === 'signed-in';
  const others = list?.items.filter((r) => !r.mine) ?? [];

  return (
    <section className="product-section" aria-labelledby="product-reviews" id="reviews">
      <h2 id="product-reviews">{t('reviews.heading')}</h2>
      <p className="rating-overview">
        <RatingSummary rating={current} />
      </p>
      {signedIn ? (
        <MyReview
          productId={productId}
          productTitle={productTitle}
          onChanged={() => {
            setVersion((v) => v + 1);
            onReviewChanged?.();
          }}
        />
      ) : me.status === 'signed-out' ? (
        <p>
          {t('reviews.boughtThis')}{' '}
          <Link to={`/sign-in?next=${encodeURIComponent(`/p/${productId}#write-review`)}`}>
            {t('reviews.signInToWrite')}
          </Link>
          .
        </p>
      ) : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('reviews.what')} onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>{t('reviews.loading')}</Loading> : null}
      {list !== undefined && list.total > 1 ? (
        <div className="field field-inline">
          <label htmlFor="review-sort">{t('reviews.sort')}</label>
          <select
            id="review-sort"
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as ReviewSort);
              setPage(1);
            }}
          >
            <option value="newest">{t('reviews.newest')}</option>
            <option value="helpful">{t('reviews.mostHelpful')}</option>
          </select>
        </div>
      ) : null}
      {others.length > 0 ? (
        <ul className="post-list" aria-label={t('reviews.list')} aria-busy={state.status === 'loading'}>
          {others.map((review) => (
            <ReviewItem key={review.id} review={review} signedIn={signedIn} />
          ))}
        </ul>
      ) : list !== undefined && list.total === 0 ? (
        <p className="muted">{t('reviews.none')}</p>
      ) : null}
      {totalPages > 1 ? (
        <nav className="pagination" aria-label={t('reviews.pages')}>
          <button
            type="button"
            className="button button-secondary"
            disabled={page <= 1}
            onClick={() => setPage((p) => p - 1)}
          >
            {t('reviews.previous')}
          </button>
          <p className="pagination-status">{t('reviews.pageOf', { page, total: totalPages })}</p>
          <button
            type="button"
            className="button button-secondary"
            disabled={page >= totalPages}
            onClick={() => setPage((p) => p + 1)}
          >
            {t('reviews.more')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
