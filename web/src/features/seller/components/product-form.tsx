import { useState, type SubmitEvent } from 'react';
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
const WORDING = {
  fieldMessages: {
    title: 'Enter a title of 1 to 200 characters.',
    description: 'Keep the description under 10,000 characters.',
    category: 'Choose a category.',
    amount: 'Enter a price above 0.',
    currency: 'Choose a currency.',
    stock: 'Enter a whole number from 0 to 1,000,000.',
    shippingProfileId: 'Choose one of your shipping profiles.',
  },
};

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
  const { pending, error, run } = useRequest(WORDING);
  const [values, setValues] = useState(() => valuesOf(product, profiles));
  const [local, setLocal] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const edit = (name: keyof Values, value: string) => setValues((current) => ({ ...current, [name]: value }));

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: typeof local = {};
    const amount = parseMoneyInput(values.price, values.currency);
    if (values.title.trim() === '') problems.title = WORDING.fieldMessages.title;
    if (values.category === '') problems.category = WORDING.fieldMessages.category;
    if (amount === null || amount <= 0) problems.amount = `Enter a price like ${moneyExample(values.currency)}.`;
    if (!/^\d{1,7}$/.test(values.stock.trim()) || Number(values.stock) > 1_000_000)
      problems.stock = WORDING.fieldMessages.stock;
    if (values.shippingProfileId === '') problems.shippingProfileId = WORDING.fieldMessages.shippingProfileId;
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
    <form className="form seller-form-wide" onSubmit={onSubmit} noValidate aria-label="Product details">
      <ErrorAlert error={error} formFields={FIELDS} />
      <TextField
        label="Title"
        name="title"
        maxLength={200}
        required
        value={values.title}
        onChange={(e) => edit('title', e.target.value)}
        error={fieldError('title')}
      />
      <TextAreaField
        label="Description"
        name="description"
        rows={6}
        maxLength={10000}
        value={values.description}
        onChange={(e) => edit('description', e.target.value)}
        hint="Optional. Materials, size, care. Blank lines start a new paragraph."
        error={fieldError('description')}
      />
      <SelectField
        label="Category"
        name="category"
        value={values.category}
        onChange={(e) => edit('category', e.target.value)}
        error={fieldError('category')}
      >
        <option value="">Choose a category</option>
        {categories.map((category) => (
          <option key={category.slug} value={category.slug}>
            {category.name}
          </option>
        ))}
      </SelectField>
      <div className="field-pair">
        <TextField
          label="Price"
          name="price"
          inputMode="decimal"
          required
          value={values.price}
          onChange={(e) => edit('price', e.target.value)}
          hint={`For example ${moneyExample(values.currency)}.`}
          error={fieldError('amount')}
        />
        <SelectField
          label="Currency"
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
        label="Stock"
        name="stock"
        inputMode="numeric"
        required
        value={values.stock}
        onChange={(e) => edit('stock', e.target.value)}
        hint="How many you can sell now."
        error={fieldError('stock')}
      />
      <SelectField
        label="Shipping profile"
        name="shippingProfileId"
        value={values.shippingProfileId}
        onChange={(e) => edit('shippingProfileId', e.target.value)}
        error={fieldError('shippingProfileId')}
      >
        <option value="">Choose a shipping profile</option>
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.label}
          </option>
        ))}
      </SelectField>
      {profiles.length === 0 ? (
        <p>
          You have no shipping profile yet. <Link to="/seller/shipping">Add one on the Shipping page</Link> first.
        </p>
      ) : null}
      <SelectField
        label="Listing"
        name="status"
        value={values.status}
        onChange={(e) => edit('status', e.target.value as Values['status'])}
        hint="Delisted products stay here but buyers do not see them."
        error={fieldError('status')}
      >
        <option value="active">Listed: buyers can find it</option>
        <option value="delisted">Delisted: hidden from buyers</option>
      </SelectField>
      <button type="submit" className="button" disabled={pending}>
        {product === null ? 'Add product' : 'Save product'}
      </button>
    </form>
  );
}
