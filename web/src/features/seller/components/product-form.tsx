import { useState, type SubmitEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CategorySummary } from '../../catalog/api.ts';
import { SelectField, TextAreaField, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { moneyExample, moneyInputValue, parseMoneyInput } from '../money-input.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { CURRENCIES, type ProductInput, type SellerProduct, type ShippingProfile } from '../api.ts';

const FIELDS = [
  'title',
  'description',
  'category',
  'amount',
  'currency',
  'stock',
  'status',
  'shippingProfileId',
] as const;

type Values = {
  title: string;
  description: string;
  category: string;
  price: string;
  currency: string;
  stock: string;
  status: 'active' | 'delisted';
  shippingProfileId: string;
};

function valuesOf(product: SellerProduct | null, profiles: ShippingProfile[]): Values {
  if (product === null) {
    return {
      title: '',
      description: '',
      category: '',
      price: '',
      currency: 'USD',
      stock: '1',
      status: 'active',
      shippingProfileId: profiles.length === 1 ? profiles[0]!.id : '',
    };
  }
  return {
    title: product.title,
    description: product.description,
    category: product.category.slug,
    price: moneyInputValue(product.price.amount, product.price.currency),
    currency: product.price.currency,
    stock: String(product.stock),
    status: product.status,
    shippingProfileId: product.shippingProfileId,
  };
}

type Props = {
  product: SellerProduct | null;
  categories: CategorySummary[];
  profiles: ShippingProfile[];
  onSave: (input: ProductInput) => Promise<unknown>;
};

/** Title, description, category, price, stock, listing status and shipping profile. */
export function ProductForm({ product, categories, profiles, onSave }: Props) {
  const { t } = useTranslation('seller');
  const messages = {
    title: t('productForm.titleError'),
    description: t('productForm.descriptionError'),
    category: t('productForm.categoryError'),
    amount: t('productForm.priceError'),
    currency: t('productForm.currencyError'),
    stock: t('productForm.stockError'),
    shippingProfileId: t('productForm.profileError'),
  };
  const { pending, error, run } = useRequest({ fieldMessages: messages });
  const [values, setValues] = useState(() => valuesOf(product, profiles));
  const [local, setLocal] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const edit = (name: keyof Values, value: string) => setValues((current) => ({ ...current, [name]: value }));

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: typeof local = {};
    const amount = parseMoneyInput(values.price, values.currency);
    if (values.title.trim() === '') problems.title = messages.title;
    if (values.category === '') problems.category = messages.category;
    if (amount === null || amount <= 0)
      problems.amount = t('productForm.priceLike', { example: moneyExample(values.currency) });
    if (!/^\d{1,7}$/.test(values.stock.trim()) || Number(values.stock) > 1_000_000) problems.stock = messages.stock;
    if (values.shippingProfileId === '') problems.shippingProfileId = messages.shippingProfileId;
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    await run(() =>
      onSave({
        title: values.title.trim(),
        description: values.description.trim(),
        category: values.category,
        price: { amount: amount!, currency: values.currency },
        stock: Number(values.stock),
        status: values.status,
        shippingProfileId: values.shippingProfileId,
      }),
    );
  }

  const fieldError = (name: (typeof FIELDS)[number]) => local[name] ?? error?.fields[name];
  return (
    <form className="form seller-form-wide" onSubmit={onSubmit} noValidate aria-label={t('productForm.label')}>
      <ErrorAlert error={error} formFields={FIELDS} />
      <TextField
        label={t('productForm.title')}
        name="title"
        maxLength={200}
        required
        value={values.title}
        onChange={(e) => edit('title', e.target.value)}
        error={fieldError('title')}
      />
      <TextAreaField
        label={t('productForm.description')}
        name="description"
        rows={6}
        maxLength={10000}
        value={values.description}
        onChange={(e) => edit('description', e.target.value)}
        hint={t('productForm.descriptionHint')}
        error={fieldError('description')}
      />
      <SelectField
        label={t('productForm.category')}
        name="category"
        value={values.category}
        onChange={(e) => edit('category', e.target.value)}
        error={fieldError('category')}
      >
        <option value="">{t('productForm.chooseCategory')}</option>
        {categories.map((category) => (
          <option key={category.slug} value={category.slug}>
            {category.name}
          </option>
        ))}
      </SelectField>
      <div className="field-pair">
        <TextField
          label={t('productForm.price')}
          name="price"
          inputMode="decimal"
          required
          value={values.price}
          onChange={(e) => edit('price', e.target.value)}
          hint={t('productForm.priceHint', { example: moneyExample(values.currency) })}
          error={fieldError('amount')}
        />
        <SelectField
          label={t('productForm.currency')}
          name="currency"
          value={values.currency}
          onChange={(e) => edit('currency', e.target.value)}
          error={fieldError('currency')}
        >
          {[...new Set<string>([values.currency, ...CURRENCIES])].map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t('productForm.stock')}
        name="stock"
        inputMode="numeric"
        required
        value={values.stock}
        onChange={(e) => edit('stock', e.target.value)}
        hint={t('productForm.stockHint')}
        error={fieldError('stock')}
      />
      <SelectField
        label={t('productForm.shippingProfile')}
        name="shippingProfileId"
        value={values.shippingProfileId}
        onChange={(e) => edit('shippingProfileId', e.target.value)}
        error={fieldError('shippingProfileId')}
      >
        <option value="">{t('productForm.chooseProfile')}</option>
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.label}
          </option>
        ))}
      </SelectField>
      {profiles.length === 0 ? (
        <p>
          <Trans t={t} i18nKey="productForm.noProfile" components={{ link: <Link to="/seller/shipping" /> }} />
        </p>
      ) : null}
      <SelectField
        label={t('productForm.listing')}
        name="status"
        value={values.status}
        onChange={(e) => edit('status', e.target.value as Values['status'])}
        hint={t('productForm.listingHint')}
        error={fieldError('status')}
      >
        <option value="active">{t('productForm.listed')}</option>
        <option value="delisted">{t('productForm.delisted')}</option>
      </SelectField>
      <button type="submit" className="button" disabled={pending}>
        {product === null ? t('productForm.add') : t('productForm.save')}
      </button>
    </form>
  );
}
