// Writing or editing one's review: stars, text and up to five photos (checked here for type,
// size and number before uploading; the server checks the bytes again).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StarInput } from '../../../components/stars.tsx';
import { TextAreaField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { postsApi, POST_LIMITS, type Review } from '../api.ts';
import { formatCount } from '../../../lib/format.ts';
import { describeError, type FormError } from '../../../lib/form-error.ts';

type ReviewFormProps = {
  productId: string;
  productTitle: string;
  existing: Review | null;
  /** Called with the saved review (photos included) once everything was sent. */
  onSaved: (review: Review, message: string) => void;
  onCancel?: () => void;
};

export function ReviewForm({ productId, productTitle, existing, onSaved, onCancel }: ReviewFormProps) {
  const { t } = useTranslation('posts');
  const [rating, setRating] = useState<number | null>(existing?.rating ?? null);
  const [body, setBody] = useState(existing?.body ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const [problems, setProblems] = useState<{ rating?: string; body?: string; photos?: string }>({});
  const [error, setError] = useState<FormError | null>(null);
  const [pending, setPending] = useState(false);
  const kept = (existing?.photos ?? []).filter((p) => !removed.includes(p.id));

  function choosePhotos(list: FileList | null) {
    const chosen = [...(list ?? [])];
    let problem: string | undefined;
    if (chosen.some((f) => !(POST_LIMITS.photoTypes as readonly string[]).includes(f.type)))
      problem = t('form.photoType');
    else if (chosen.some((f) => f.size > POST_LIMITS.photoBytes)) problem = t('form.photoSize');
    else if (chosen.length + kept.length > POST_LIMITS.photos)
      problem = t('form.photoCount', { max: POST_LIMITS.photos });
    setProblems((p) => ({ ...p, photos: problem }));
    setFiles(problem === undefined ? chosen : []);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      ...(rating === null ? { rating: t('form.chooseRating') } : {}),
      ...(body.trim() === '' ? { body: t('form.writeSomething') } : {}),
      ...(problems.photos !== undefined ? { photos: problems.photos } : {}),
    };
    setProblems(next);
    if (Object.keys(next).length > 0 || rating === null) return;
    setPending(true);
    setError(null);
    try {
      let review =
        existing === null
          ? await postsApi.createReview(productId, { rating, body })
          : await postsApi.updateReview(existing.id, { rating, body });
      for (const photoId of removed) await postsApi.deletePhoto(review.id, photoId);
      for (const file of files) await postsApi.uploadPhoto(review.id, file);
      if (removed.length > 0 || files.length > 0) review = (await postsApi.myReview(productId)).review ?? review;
      onSaved(review, existing === null ? t('form.published') : t('form.updated'));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="post-form review-form"
      onSubmit={submit}
      noValidate
      aria-label={
        existing === null ? t('form.review', { title: productTitle }) : t('form.editReview', { title: productTitle })
      }
    >
      <ErrorAlert error={error} />
      <StarInput value={rating} onChange={setRating} error={problems.rating} />
      <TextAreaField
        label={t('form.yourReview')}
        name="body"
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={POST_LIMITS.reviewBody}
        hint={t('form.hint', { max: formatCount(POST_LIMITS.reviewBody) })}
        error={problems.body}
      />
      {kept.length > 0 ? (
        <ul className="review-photos review-photos-edit" aria-label={t('form.yourPhotos')}>
          {kept.map((photo, n) => (
            <li key={photo.id}>
              <img src={photo.url} alt={t('form.yourPhoto', { n: n + 1 })} width={96} height={96} />
              <button type="button" className="button-link" onClick={() => setRemoved((r) => [...r, photo.id])}>
                {t('form.removePhoto', { n: n + 1 })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor="review-photos">{t('form.addPhotos')}</label>
        <p id="review-photos-hint" className="field-hint">
          {t('form.photosHint', { max: POST_LIMITS.photos })}
        </p>
        {problems.photos !== undefined ? (
          <p id="review-photos-error" className="field-error">
            <span className="visually-hidden">{t('form.errorPrefix')}</span>
            {problems.photos}
          </p>
        ) : null}
        <input
          id="review-photos"
          name="photos"
          type="file"
          multiple
          accept={POST_LIMITS.photoTypes.join(',')}
          aria-describedby={
            problems.photos !== undefined ? 'review-photos-hint review-photos-error' : 'review-photos-hint'
          }
          aria-invalid={problems.photos !== undefined ? true : undefined}
          onChange={(e) => choosePhotos(e.target.files)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {existing === null ? t('form.publish') : t('form.save')}
        </button>
        {onCancel !== undefined ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
            {t('parts.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
