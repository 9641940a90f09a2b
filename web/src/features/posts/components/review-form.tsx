// Writing or editing one's review: stars, text and up to five photos (checked here for type,
// size and number before uploading; the server checks the bytes again).
import { useState, type FormEvent } from 'react';
import { StarInput } from '../../../components/stars.tsx';
import { TextAreaField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { postsApi, POST_LIMITS, type Review } from '../api.ts';
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
      problem = 'Choose JPEG, PNG or WebP images.';
    else if (chosen.some((f) => f.size > POST_LIMITS.photoBytes)) problem = 'Each photo can be at most 5 MB.';
    else if (chosen.length + kept.length > POST_LIMITS.photos)
      problem = `A review can have at most ${POST_LIMITS.photos} photos.`;
    setProblems((p) => ({ ...p, photos: problem }));
    setFiles(problem === undefined ? chosen : []);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      ...(rating === null ? { rating: 'Choose from 1 to 5 stars.' } : {}),
      ...(body.trim() === '' ? { body: 'Write a few words about the product.' } : {}),
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
      onSaved(review, existing === null ? 'Thank you! Your review is published.' : 'Your review is updated.');
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
      aria-label={existing === null ? `Review ${productTitle}` : `Edit your review of ${productTitle}`}
    >
      <ErrorAlert error={error} />
      <StarInput value={rating} onChange={setRating} error={problems.rating} />
      <TextAreaField
        label="Your review"
        name="body"
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={POST_LIMITS.reviewBody}
        hint="What did you like or dislike? Up to 5,000 characters."
        error={problems.body}
      />
      {kept.length > 0 ? (
        <ul className="review-photos review-photos-edit" aria-label="Your photos">
          {kept.map((photo, n) => (
            <li key={photo.id}>
              <img src={photo.url} alt={`Your photo ${n + 1}`} width={96} height={96} />
              <button type="button" className="button-link" onClick={() => setRemoved((r) => [...r, photo.id])}>
                Remove photo {n + 1}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <label htmlFor="review-photos">Add photos (optional)</label>
        <p id="review-photos-hint" className="field-hint">
          Up to {POST_LIMITS.photos} JPEG, PNG or WebP images, 5 MB each. Photos are shown as uploaded, with any
          metadata they carry.
        </p>
        {problems.photos !== undefined ? (
          <p id="review-photos-error" className="field-error">
            <span className="visually-hidden">Error: </span>
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
          {existing === null ? 'Publish review' : 'Save review'}
        </button>
        {onCancel !== undefined ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
