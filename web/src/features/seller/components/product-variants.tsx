import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatCount, formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { moneyExample, moneyInputValue, parseMoneyInput } from '../money-input.ts';
import { sellerApi, type SellerProduct, type SellerVariant, type VariantList } from '../api.ts';

type Props = { product: SellerProduct; onChanged: () => Promise<void> };

const MAX_OPTIONS = 3;

/** A whole number of items, or null. */
const parseStock = (text: string) => (/^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : null);

/** One variant: its price, stock and whether it is for sale, saved together; or deleted. */
function VariantRow({
  product,
  variant,
  onList,
}: {
  product: SellerProduct;
  variant: SellerVariant;
  onList: (list: VariantList, message: string) => Promise<void>;
}) {
  const { t } = useTranslation('seller');
  const currency = product.price.currency;
  const saver = useRequest({ fieldMessages: { price: t('variants.priceError'), stock: t('variants.stockError') } });
  const remover = useRequest();
  const [price, setPrice] = useState(moneyInputValue(variant.price.amount, currency));
  const [stock, setStock] = useState(String(variant.stock));
  const [active, setActive] = useState(variant.active);
  const [local, setLocal] = useState<Record<string, string>>({});

  async function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const amount = parseMoneyInput(price, currency);
    const count = parseStock(stock);
    const problems: Record<string, string> = {};
    if (amount === null || amount <= 0) problems.price = t('variants.priceLike', { example: moneyExample(currency) });
    if (count === null) problems.stock = t('variants.wholeNumber');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const outcome = await saver.run(() =>
      sellerApi.updateVariant(product.id, variant.id, { price: amount!, stock: count!, active }),
    );
    if (outcome.ok) await onList(outcome.value, t('variants.saved', { label: variant.label }));
  }

  async function remove() {
    if (!window.confirm(t('variants.confirmDelete', { label: variant.label }))) return;
    const outcome = await remover.run(() => sellerApi.deleteVariant(product.id, variant.id));
    if (outcome.ok) await onList(outcome.value, t('variants.deleted', { label: variant.label }));
  }

  return (
    <li className="card seller-variant">
      <form className="form" onSubmit={save} noValidate aria-label={t('variants.formLabel', { label: variant.label })}>
        <h3 className="seller-variant-title">
          {variant.label}
          {variant.active ? null : <span className="badge"> {t('variants.notForSale')}</span>}
        </h3>
        <ErrorAlert error={saver.error} formFields={['price', 'stock']} />
        <div className="seller-variant-fields">
          <TextField
            label={t('variants.price', { currency })}
            name="price"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            error={local.price ?? saver.error?.fields.price}
          />
          <TextField
            label={t('variants.stock')}
            name="stock"
            inputMode="numeric"
            value={stock}
            onChange={(e) => setStock(e.target.value)}
            error={local.stock ?? saver.error?.fields.stock}
          />
        </div>
        <CheckboxField
          label={t('variants.forSale')}
          name="active"
          checked={active}
          onChange={(e) => setActive(e.target.checked)}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={saver.pending}>
            {t('variants.save')}
            <span className="visually-hidden"> {variant.label}</span>
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={remover.pending}
            onClick={() => void remove()}
          >
            {t('variants.delete')}
            <span className="visually-hidden"> {variant.label}</span>
          </button>
        </div>
        <ErrorAlert error={remover.error} />
      </form>
    </li>
  );
}

/** Adds a variant: one value per option (the first variant names the options), a price and stock. */
function AddVariant({
  product,
  list,
  onList,
}: {
  product: SellerProduct;
  list: VariantList;
  onList: (list: VariantList, message: string) => Promise<void>;
}) {
  const { t } = useTranslation('seller');
  const currency = product.price.currency;
  const fixed = list.optionNames.length > 0;
  const { pending, error, run } = useRequest({
    fieldMessages: { options: t('variants.optionsError'), price: t('variants.priceError') },
  });
  const [names, setNames] = useState<string[]>(() =>
    fixed ? list.optionNames : [t('variants.colour'), t('variants.size')],
  );
  const [values, setValues] = useState<string[]>(() => (fixed ? list.optionNames.map(() => '') : ['', '']));
  const [price, setPrice] = useState(moneyInputValue(product.price.amount, currency));
  const [stock, setStock] = useState('1');
  const [local, setLocal] = useState<Record<string, string>>({});

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // Without options yet, an option left blank (name and value) is not one.
    const options = names
      .map((name, i) => ({ name: name.trim(), value: (values[i] ?? '').trim() }))
      .filter((o) => fixed || o.name !== '' || o.value !== '');
    const amount = parseMoneyInput(price, currency);
    const count = parseStock(stock);
    const problems: Record<string, string> = {};
    if (options.length === 0 || options.some((o) => o.name === '' || o.value === ''))
      problems.options = t('variants.optionsError');
    if (amount === null || amount <= 0) problems.price = t('variants.priceLike', { example: moneyExample(currency) });
    if (count === null) problems.stock = t('variants.wholeNumber');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const outcome = await run(() => sellerApi.createVariant(product.id, { options, price: amount!, stock: count! }));
    if (!outcome.ok) return;
    setNames(outcome.value.optionNames);
    setValues(outcome.value.optionNames.map(() => ''));
    await onList(
      outcome.value,
      t('variants.added', { options: options.map((o) => `${o.name}: ${o.value}`).join(' · ') }),
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t('variants.addLabel')}>
      <h3>{t('variants.addLabel')}</h3>
      <ErrorAlert error={error} formFields={['options', 'price', 'stock']} />
      {local.options ? (
        <p className="field-error" role="alert">
          {local.options}
        </p>
      ) : null}
      {names.map((name, i) => (
        <div key={i} className="seller-variant-fields">
          {fixed ? null : (
            <TextField
              label={t('variants.optionName', { n: i + 1 })}
              name={`optionName${i}`}
              value={name}
              maxLength={40}
              onChange={(e) => setNames(names.map((n, j) => (j === i ? e.target.value : n)))}
              hint={i === 0 ? t('variants.optionNameHint') : undefined}
            />
          )}
          <TextField
            label={fixed ? name : t('variants.optionValue', { n: i + 1 })}
            name={`optionValue${i}`}
            value={values[i] ?? ''}
            maxLength={60}
            onChange={(e) => setValues(names.map((_, j) => (j === i ? e.target.value : (values[j] ?? ''))))}
          />
        </div>
      ))}
      {!fixed && names.length < MAX_OPTIONS ? (
        <button
          type="button"
          className="button-link"
          onClick={() => {
            setNames([...names, '']);
            setValues([...values, '']);
          }}
        >
          {t('variants.addOption')}
        </button>
      ) : null}
      <div className="seller-variant-fields">
        <TextField
          label={t('variants.price', { currency })}
          name="variantPrice"
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          error={local.price ?? error?.fields.price}
        />
        <TextField
          label={t('variants.stock')}
          name="variantStock"
          inputMode="numeric"
          value={stock}
          onChange={(e) => setStock(e.target.value)}
          error={local.stock ?? error?.fields.stock}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('variants.add')}
      </button>
    </form>
  );
}

/**
 * Options and variants (colour, size…): each combination with its own price and stock. With
 * variants, the product's price is their range and its stock their total.
 */
export function ProductVariants({ product, onChanged }: Props) {
  const { t } = useTranslation('seller');
  const { state, retry } = useLoad(`seller-variants:${product.id}`, (signal) =>
    sellerApi.listVariants(product.id, signal),
  );
  const [list, setList] = useState<VariantList | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const current = list ?? (state.status === 'loaded' ? state.data : null);

  async function onList(next: VariantList, message: string) {
    setList(next);
    setDone(message);
    await onChanged();
  }

  return (
    <section className="section" aria-labelledby="variants-heading">
      <h2 id="variants-heading">{t('variants.heading')}</h2>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('variants.what')} onRetry={retry} /> : null}
      {current === null && state.status === 'loading' ? <Loading>{t('variants.loading')}</Loading> : null}
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {current !== null ? (
        <>
          {current.variants.length === 0 ? (
            <p>{t('variants.none')}</p>
          ) : (
            <>
              <p>
                {t('variants.summary', {
                  options: current.optionNames.join(t('variants.optionsJoin')),
                  price: product.priceMax
                    ? `${formatMoney(product.price)} – ${formatMoney(product.priceMax)}`
                    : formatMoney(product.price),
                  stock: formatCount(product.stock),
                })}
              </p>
              <ul className="card-list" aria-label={t('variants.listLabel')}>
                {current.variants.map((variant) => (
                  <VariantRow
                    key={`${variant.id}:${variant.price.amount}:${variant.stock}:${variant.active}`}
                    product={product}
                    variant={variant}
                    onList={onList}
                  />
                ))}
              </ul>
            </>
          )}
          <AddVariant key={current.optionNames.join('|')} product={product} list={current} onList={onList} />
        </>
      ) : null}
    </section>
  );
}
