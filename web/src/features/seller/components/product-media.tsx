import { useId, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { describeError } from '../../../lib/form-error.ts';
import { formatDateTime, formatMoney, parseDate } from '../../../lib/format.ts';
import { moneyExample, parseMoneyInput } from '../money-input.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { IMAGE_LIMITS, sellerApi, type Offer, type SellerProduct } from '../api.ts';

type Props = { product: SellerProduct; onChanged: () => Promise<void> };

/** Uploaded images, in their order (the first is the cover), with a file picker for more. */
export function ProductImages({ product, onChanged }: Props) {
  const inputId = useId();
  const [uploading, setUploading] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, run } = useRequest();
  const room = IMAGE_LIMITS.perProduct - product.images.length;

  async function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = '';
    setDone(null);
    const found: string[] = [];
    let added = 0;
    setUploading(true);
    for (const [n, file] of files.entries()) {
      if (n >= room) {
        found.push(`${file.name}: a product can have at most ${IMAGE_LIMITS.perProduct} images.`);
      } else if (!(IMAGE_LIMITS.types as readonly string[]).includes(file.type)) {
        found.push(`${file.name}: choose a JPEG, PNG or WebP image.`);
      } else if (file.size > IMAGE_LIMITS.bytes) {
        found.push(`${file.name}: the file is larger than 5 MB.`);
      } else {
        try {
          await sellerApi.uploadImage(product.id, file);
          added++;
        } catch (failure) {
          found.push(`${file.name}: ${describeError(failure).message}`);
        }
      }
    }
    setUploading(false);
    setProblems(found);
    if (added > 0) {
      setDone(added === 1 ? 'Image added.' : `${added} images added.`);
      await onChanged();
    }
  }

  async function remove(imageId: string, n: number) {
    setDone(null);
    const outcome = await run(() => sellerApi.deleteImage(product.id, imageId));
    if (!outcome.ok) return;
    setDone(`Image ${n} deleted.`);
    await onChanged();
  }

  return (
    <section className="section" aria-labelledby="images-heading">
      <h2 id="images-heading">Images</h2>
      <ErrorAlert error={error} />
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {product.images.length === 0 ? (
        <p>No images yet: buyers see a generated picture until you add one.</p>
      ) : (
        <ul className="seller-images" aria-label="Product images">
          {product.images.map((image, i) => (
            <li key={image.id}>
              <img src={image.url} alt={`Image ${i + 1}${i === 0 ? ' (cover)' : ''}`} width={120} height={120} />
              <button
                type="button"
                className="button button-secondary"
                disabled={pending}
                onClick={() => void remove(image.id, i + 1)}
              >
                Delete image {i + 1}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={inputId}>Add images</label>
        <p id={`${inputId}-hint`} className="field-hint">
          JPEG, PNG or WebP, up to 5 MB each; {IMAGE_LIMITS.perProduct} images per product. The first image is the
          cover. Images are shown as uploaded, including any location your camera saved in them.
        </p>
        {problems.length > 0 ? (
          <ul id={`${inputId}-error`} className="field-error">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
        <input
          id={inputId}
          type="file"
          name="images"
          accept={IMAGE_LIMITS.types.join(',')}
          multiple
          disabled={uploading || room <= 0}
          aria-invalid={problems.length > 0 ? true : undefined}
          aria-describedby={problems.length > 0 ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
          onChange={(event) => void onFiles(event)}
        />
        {uploading ? <p role="status">Uploading…</p> : null}
      </div>
    </section>
  );
}

const toLocalInput = (date: Date) => {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};

const STATES: Record<Offer['state'], string> = { running: 'Running', scheduled: 'Scheduled', ended: 'Ended' };

/** The product's offers, and a form to add one: a lower price for a time. */
export function ProductOffers({ product, onChanged }: Props) {
  const { pending, error, run } = useRequest({
    fieldMessages: {
      price: 'Enter a price below the list price.',
      endsAt: 'Choose an end after the start, in the future.',
      startsAt: 'Choose a valid start.',
    },
  });
  const remover = useRequest();
  const currency = product.price.currency;
  const [price, setPrice] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState(() => toLocalInput(new Date(Date.now() + 7 * 86400_000)));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const problems: Record<string, string> = {};
    const amount = parseMoneyInput(price, currency);
    if (amount === null || amount <= 0) problems.price = `Enter a price like ${moneyExample(currency)}.`;
    else if (amount >= product.price.amount)
      problems.price = `Must be below the list price, ${formatMoney(product.price)}.`;
    const start = startsAt === '' ? null : new Date(startsAt);
    const end = new Date(endsAt);
    if (start !== null && Number.isNaN(start.getTime()))
      problems.startsAt = 'Choose a valid start, or leave it empty to start now.';
    if (Number.isNaN(end.getTime())) problems.endsAt = 'Choose when the offer ends.';
    else if (end.getTime() <= Math.max(Date.now(), start?.getTime() ?? 0))
      problems.endsAt = 'The end must be in the future and after the start.';
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const outcome = await run(() =>
      sellerApi.createOffer(product.id, {
        price: amount!,
        ...(start ? { startsAt: start.toISOString() } : {}),
        endsAt: end.toISOString(),
      }),
    );
    if (!outcome.ok) return;
    setPrice('');
    setStartsAt('');
    setDone(outcome.value.state === 'running' ? 'Offer added: it runs now.' : 'Offer scheduled.');
    await onChanged();
  }

  async function remove(offer: Offer) {
    setDone(null);
    const outcome = await remover.run(() => sellerApi.deleteOffer(product.id, offer.id));
    if (!outcome.ok) return;
    setDone('Offer deleted.');
    await onChanged();
  }

  const when = (iso: string) => {
    const date = parseDate(iso);
    return date === null ? iso : <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
  };
  return (
    <section className="section" aria-labelledby="offers-heading">
      <h2 id="offers-heading">Offers</h2>
      <ErrorAlert error={remover.error} />
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {product.offers.length === 0 ? (
        <p>No offers. An offer shows a lower price, the old one struck through, until it ends.</p>
      ) : (
        <ul className="card-list" aria-label="Offers">
          {product.offers.map((offer) => (
            <li key={offer.id} className="card seller-offer">
              <p>
                <strong>{formatMoney(offer.price)}</strong>{' '}
                <span className={offer.state === 'running' ? 'badge badge-success' : 'badge'}>
                  {STATES[offer.state]}
                </span>
              </p>
              <p className="muted">
                From {when(offer.startsAt)} to {when(offer.endsAt)}
              </p>
              <button
                type="button"
                className="button button-secondary"
                disabled={remover.pending}
                onClick={() => void remove(offer)}
                aria-label={`Delete offer at ${formatMoney(offer.price)}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Add an offer">
        <h3>Add an offer</h3>
        <ErrorAlert error={error} formFields={['price', 'startsAt', 'endsAt']} />
        <TextField
          label={`Offer price (${currency})`}
          name="offerPrice"
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          hint={`Below the list price, ${formatMoney(product.price)}.`}
          error={local.price ?? error?.fields.price}
        />
        <TextField
          label="Starts"
          name="startsAt"
          type="datetime-local"
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          hint="Optional: empty starts the offer now."
          error={local.startsAt ?? error?.fields.startsAt}
        />
        <TextField
          label="Ends"
          name="endsAt"
          type="datetime-local"
          required
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
          error={local.endsAt ?? error?.fields.endsAt}
        />
        <button type="submit" className="button" disabled={pending}>
          Add offer
        </button>
      </form>
    </section>
  );
}
