import { useId, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('seller');
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
        found.push(t('images.tooMany', { file: file.name, max: IMAGE_LIMITS.perProduct }));
      } else if (!(IMAGE_LIMITS.types as readonly string[]).includes(file.type)) {
        found.push(t('images.badType', { file: file.name }));
      } else if (file.size > IMAGE_LIMITS.bytes) {
        found.push(t('images.tooLarge', { file: file.name }));
      } else {
        try {
          await sellerApi.uploadImage(product.id, file);
          added++;
        } catch (failure) {
          found.push(t('images.failed', { file: file.name, message: describeError(failure).message }));
        }
      }
    }
    setUploading(false);
    setProblems(found);
    if (added > 0) {
      setDone(t('images.added', { count: added }));
      await onChanged();
    }
  }

  async function remove(imageId: string, n: number) {
    setDone(null);
    const outcome = await run(() => sellerApi.deleteImage(product.id, imageId));
    if (!outcome.ok) return;
    setDone(t('images.deleted', { n }));
    await onChanged();
  }

  return (
    <section className="section" aria-labelledby="images-heading">
      <h2 id="images-heading">{t('images.heading')}</h2>
      <ErrorAlert error={error} />
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {product.images.length === 0 ? (
        <p>{t('images.empty')}</p>
      ) : (
        <ul className="seller-images" aria-label={t('images.listLabel')}>
          {product.images.map((image, i) => (
            <li key={image.id}>
              <img
                src={image.url}
                alt={i === 0 ? t('images.altCover', { n: i + 1 }) : t('images.alt', { n: i + 1 })}
                width={120}
                height={120}
              />
              <button
                type="button"
                className="button button-secondary"
                disabled={pending}
                onClick={() => void remove(image.id, i + 1)}
              >
                {t('images.delete', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={inputId}>{t('images.add')}</label>
        <p id={`${inputId}-hint`} className="field-hint">
          {t('images.hint', { max: IMAGE_LIMITS.perProduct })}
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
        {uploading ? <p role="status">{t('images.uploading')}</p> : null}
      </div>
    </section>
  );
}

const toLocalInput = (date: Date) => {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};

/** The product's offers, and a form to add one: a lower price for a time. */
export function ProductOffers({ product, onChanged }: Props) {
  const { t } = useTranslation('seller');
  const { pending, error, run } = useRequest({
    fieldMessages: {
      price: t('offers.priceError'),
      endsAt: t('offers.endsAtError'),
      startsAt: t('offers.startsAtError'),
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
    if (amount === null || amount <= 0) problems.price = t('offers.priceLike', { example: moneyExample(currency) });
    else if (amount >= product.price.amount)
      problems.price = t('offers.belowList', { price: formatMoney(product.price) });
    const start = startsAt === '' ? null : new Date(startsAt);
    const end = new Date(endsAt);
    if (start !== null && Number.isNaN(start.getTime())) problems.startsAt = t('offers.validStart');
    if (Number.isNaN(end.getTime())) problems.endsAt = t('offers.chooseEnd');
    else if (end.getTime() <= Math.max(Date.now(), start?.getTime() ?? 0)) problems.endsAt = t('offers.endInFuture');
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
    setDone(outcome.value.state === 'running' ? t('offers.addedRunning') : t('offers.addedScheduled'));
    await onChanged();
  }

  async function remove(offer: Offer) {
    setDone(null);
    const outcome = await remover.run(() => sellerApi.deleteOffer(product.id, offer.id));
    if (!outcome.ok) return;
    setDone(t('offers.deleted'));
    await onChanged();
  }

  const stateName = (state: Offer['state']) => {
    switch (state) {
      case 'running':
        return t('offers.running');
      case 'scheduled':
        return t('offers.scheduled');
      case 'ended':
        return t('offers.ended');
    }
  };
  /** "From <time>…</time> to <time>…</time>", each a <time> when the date reads. */
  const period = (offer: Offer) => {
    const start = parseDate(offer.startsAt);
    const end = parseDate(offer.endsAt);
    const time = (date: Date | null) => (date === null ? <span /> : <time dateTime={date.toISOString()} />);
    return (
      <Trans
        t={t}
        i18nKey="offers.period"
        values={{
          start: start === null ? offer.startsAt : formatDateTime(start),
          end: end === null ? offer.endsAt : formatDateTime(end),
        }}
        components={{ start: time(start), end: time(end) }}
      />
    );
  };
  return (
    <section className="section" aria-labelledby="offers-heading">
      <h2 id="offers-heading">{t('offers.heading')}</h2>
      <ErrorAlert error={remover.error} />
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {product.offers.length === 0 ? (
        <p>{t('offers.empty')}</p>
      ) : (
        <ul className="card-list" aria-label={t('offers.listLabel')}>
          {product.offers.map((offer) => (
            <li key={offer.id} className="card seller-offer">
              <p>
                <strong>{formatMoney(offer.price)}</strong>{' '}
                <span className={offer.state === 'running' ? 'badge badge-success' : 'badge'}>
                  {stateName(offer.state)}
                </span>
              </p>
              <p className="muted">{period(offer)}</p>
              <button
                type="button"
                className="button button-secondary"
                disabled={remover.pending}
                onClick={() => void remove(offer)}
                aria-label={t('offers.deleteLabel', { price: formatMoney(offer.price) })}
              >
                {t('offers.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={onSubmit} noValidate aria-label={t('offers.addHeading')}>
        <h3>{t('offers.addHeading')}</h3>
        <ErrorAlert error={error} formFields={['price', 'startsAt', 'endsAt']} />
        <TextField
          label={t('offers.price', { currency })}
          name="offerPrice"
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          hint={t('offers.priceHint', { price: formatMoney(product.price) })}
          error={local.price ?? error?.fields.price}
        />
        <TextField
          label={t('offers.starts')}
          name="startsAt"
          type="datetime-local"
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          hint={t('offers.startsHint')}
          error={local.startsAt ?? error?.fields.startsAt}
        />
        <TextField
          label={t('offers.ends')}
          name="endsAt"
          type="datetime-local"
          required
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
          error={local.endsAt ?? error?.fields.endsAt}
        />
        <button type="submit" className="button" disabled={pending}>
          {t('offers.add')}
        </button>
      </form>
    </section>
  );
}
