// The seller center's endpoints. Shapes follow the seller module's response schemas.
import { ApiError, request } from '../../api/client.ts';
import type { Money } from '../catalog/api.ts';

export type Store = { id: string; name: string; country: string; description: string; status: 'active' | 'hidden' | 'closed'; createdAt: string };

export type ShippingRate = { country: string; /** Minor units of each product's currency. */ cost: number; minDays: number; maxDays: number };
export type ShippingProfile = { id: string; label: string; productCount: number; rates: ShippingRate[] };

export type ProductImage = { id: string; position: number; url: string; contentType: string; size: number };
export type Offer = { id: string; price: Money; startsAt: string; endsAt: string; state: 'scheduled' | 'running' | 'ended' };

export type SellerProductSummary = {
  id: string;
  title: string;
  category: { slug: string; name: string };
  price: Money;
  currentPrice: Money;
  stock: number;
  status: 'active' | 'delisted';
  imageUrl: string;
  imageCount: number;
  shippingProfileId: string;
  createdAt: string;
  updatedAt: string;
};

export type SellerProduct = SellerProductSummary & { description: string; images: ProductImage[]; offers: Offer[] };

export type ProductInput = {
  title: string;
  description: string;
  category: string;
  price: Money;
  stock: number;
  status: 'active' | 'delisted';
  shippingProfileId: string;
};

/** Currencies offered in the seller center's forms (the server accepts any ISO 4217 code). */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'MAD', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'AED', 'INR'] as const;

/** Limits the server enforces, checked here first so people hear about them before uploading. */
export const IMAGE_LIMITS = { bytes: 5 * 1024 * 1024, perProduct: 10, types: ['image/jpeg', 'image/png', 'image/webp'] } as const;

const id = (value: string) => encodeURIComponent(value);

async function uploadImage(productId: string, file: File): Promise<ProductImage> {
  let response: Response;
  try {
    response = await fetch(`/api/seller/products/${id(productId)}/images`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': file.type },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach Souk. Check your connection and try again.');
  }
  if (!response.ok) {
    let body: { error?: { code?: string; message?: string } } | undefined;
    try {
      body = (await response.json()) as typeof body;
    } catch {
      body = undefined;
    }
    throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? 'The upload failed.');
  }
  return (await response.json()) as ProductImage;
}

export const sellerApi = {
  openStore: async (input: { name: string; country: string; description: string }): Promise<Store> =>
    (await request('POST', '/api/stores', input)) as Store,
  getStore: async (signal?: AbortSignal): Promise<Store> => (await request('GET', '/api/seller/store', undefined, signal)) as Store,
  updateStore: async (input: Partial<Pick<Store, 'name' | 'country' | 'description'>> & { status?: 'active' | 'hidden' }): Promise<Store> =>
    (await request('PATCH', '/api/seller/store', input)) as Store,

  listProfiles: async (signal?: AbortSignal): Promise<ShippingProfile[]> =>
    ((await request('GET', '/api/seller/shipping-profiles', undefined, signal)) as { profiles: ShippingProfile[] }).profiles,
  createProfile: async (input: { label: string; rates: ShippingRate[] }): Promise<ShippingProfile> =>
    (await request('POST', '/api/seller/shipping-profiles', input)) as ShippingProfile,
  replaceProfile: async (profileId: string, input: { label: string; rates: ShippingRate[] }): Promise<ShippingProfile> =>
    (await request('PUT', `/api/seller/shipping-profiles/${id(profileId)}`, input)) as ShippingProfile,
  deleteProfile: async (profileId: string): Promise<void> => {
    await request('DELETE', `/api/seller/shipping-profiles/${id(profileId)}`);
  },

  listProducts: async (signal?: AbortSignal): Promise<{ items: SellerProductSummary[]; total: number }> =>
    (await request('GET', '/api/seller/products?pageSize=100', undefined, signal)) as { items: SellerProductSummary[]; total: number },
  getProduct: async (productId: string, signal?: AbortSignal): Promise<SellerProduct> =>
    (await request('GET', `/api/seller/products/${id(productId)}`, undefined, signal)) as SellerProduct,
  createProduct: async (input: ProductInput): Promise<SellerProduct> => (await request('POST', '/api/seller/products', input)) as SellerProduct,
  updateProduct: async (productId: string, input: Partial<ProductInput>): Promise<SellerProduct> =>
    (await request('PATCH', `/api/seller/products/${id(productId)}`, input)) as SellerProduct,
  deleteProduct: async (productId: string): Promise<void> => {
    await request('DELETE', `/api/seller/products/${id(productId)}`);
  },

  createOffer: async (productId: string, input: { price: number; startsAt?: string; endsAt: string }): Promise<Offer> =>
    (await request('POST', `/api/seller/products/${id(productId)}/offers`, input)) as Offer,
  deleteOffer: async (productId: string, offerId: string): Promise<void> => {
    await request('DELETE', `/api/seller/products/${id(productId)}/offers/${id(offerId)}`);
  },

  uploadImage,
  deleteImage: async (productId: string, imageId: string): Promise<void> => {
    await request('DELETE', `/api/seller/products/${id(productId)}/images/${id(imageId)}`);
  },
};
