// The seller center: the store, shipping profiles, products, offers and images.
import i18next from 'i18next';
import { api, rawBody, send, type RequestBody, type ResponseBody } from '../../api/client.ts';

export type Store = ResponseBody<'/api/seller/store', 'get'>;
export type ShippingProfile = ResponseBody<'/api/seller/shipping-profiles', 'get'>['profiles'][number];
/** A rate in minor units of each product's currency. */
export type ShippingRate = ShippingProfile['rates'][number];
export type SellerProduct = ResponseBody<'/api/seller/products/{id}', 'get'>;
export type SellerProductSummary = ResponseBody<'/api/seller/products', 'get'>['items'][number];
export type ProductImage = SellerProduct['images'][number];
export type Offer = SellerProduct['offers'][number];
export type ProductInput = RequestBody<'/api/seller/products', 'post'>;
export type VariantList = ResponseBody<'/api/seller/products/{id}/variants', 'get'>;
export type SellerVariant = VariantList['variants'][number];
export type VariantInput = RequestBody<'/api/seller/products/{id}/variants', 'post'>;
/** The dashboard's figures (issue 19): 90 days of sales and orders, to ship, low stock, rating. */
export type Dashboard = ResponseBody<'/api/seller/dashboard', 'get'>;
export type VariantChange = RequestBody<'/api/seller/products/{id}/variants/{variantId}', 'patch'>;

/** Currencies offered in the seller center's forms (the server accepts any ISO 4217 code). */
export const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'MAD',
  'CAD',
  'AUD',
  'CHF',
  'JPY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'AED',
  'INR',
] as const;

/** Limits the server enforces, checked here first so people hear about them before uploading. */
export const IMAGE_LIMITS = {
  bytes: 5 * 1024 * 1024,
  perProduct: 10,
  types: ['image/jpeg', 'image/png', 'image/webp'],
} as const;

const byId = (id: string) => ({ params: { path: { id } } });

export const sellerApi = {
  openStore: (input: RequestBody<'/api/stores', 'post'>): Promise<Store> =>
    send(api.POST('/api/stores', { body: input })),
  getStore: (signal?: AbortSignal): Promise<Store> => send(api.GET('/api/seller/store', { signal })),
  getDashboard: (signal?: AbortSignal): Promise<Dashboard> => send(api.GET('/api/seller/dashboard', { signal })),
  updateStore: (input: RequestBody<'/api/seller/store', 'patch'>): Promise<Store> =>
    send(api.PATCH('/api/seller/store', { body: input })),

  listProfiles: async (signal?: AbortSignal): Promise<ShippingProfile[]> =>
    (await send(api.GET('/api/seller/shipping-profiles', { signal }))).profiles,
  createProfile: (input: RequestBody<'/api/seller/shipping-profiles', 'post'>): Promise<ShippingProfile> =>
    send(api.POST('/api/seller/shipping-profiles', { body: input })),
  replaceProfile: (
    profileId: string,
    input: RequestBody<'/api/seller/shipping-profiles/{id}', 'put'>,
  ): Promise<ShippingProfile> =>
    send(api.PUT('/api/seller/shipping-profiles/{id}', { ...byId(profileId), body: input })),
  deleteProfile: async (profileId: string): Promise<void> => {
    await send(api.DELETE('/api/seller/shipping-profiles/{id}', byId(profileId)));
  },

  listProducts: (signal?: AbortSignal): Promise<ResponseBody<'/api/seller/products', 'get'>> =>
    send(api.GET('/api/seller/products', { params: { query: { pageSize: 100 } }, signal })),
  getProduct: (productId: string, signal?: AbortSignal): Promise<SellerProduct> =>
    send(api.GET('/api/seller/products/{id}', { ...byId(productId), signal })),
  createProduct: (input: ProductInput): Promise<SellerProduct> =>
    send(api.POST('/api/seller/products', { body: input })),
  updateProduct: (
    productId: string,
    input: RequestBody<'/api/seller/products/{id}', 'patch'>,
  ): Promise<SellerProduct> => send(api.PATCH('/api/seller/products/{id}', { ...byId(productId), body: input })),
  deleteProduct: async (productId: string): Promise<void> => {
    await send(api.DELETE('/api/seller/products/{id}', byId(productId)));
  },

  createOffer: (productId: string, input: RequestBody<'/api/seller/products/{id}/offers', 'post'>): Promise<Offer> =>
    send(api.POST('/api/seller/products/{id}/offers', { ...byId(productId), body: input })),
  deleteOffer: async (productId: string, offerId: string): Promise<void> => {
    await send(
      api.DELETE('/api/seller/products/{id}/offers/{offerId}', { params: { path: { id: productId, offerId } } }),
    );
  },

  listVariants: (productId: string, signal?: AbortSignal): Promise<VariantList> =>
    send(api.GET('/api/seller/products/{id}/variants', { ...byId(productId), signal })),
  createVariant: (productId: string, input: VariantInput): Promise<VariantList> =>
    send(api.POST('/api/seller/products/{id}/variants', { ...byId(productId), body: input })),
  updateVariant: (productId: string, variantId: string, input: VariantChange): Promise<VariantList> =>
    send(
      api.PATCH('/api/seller/products/{id}/variants/{variantId}', {
        params: { path: { id: productId, variantId } },
        body: input,
      }),
    ),
  deleteVariant: (productId: string, variantId: string): Promise<VariantList> =>
    send(
      api.DELETE('/api/seller/products/{id}/variants/{variantId}', { params: { path: { id: productId, variantId } } }),
    ),

  uploadImage: (productId: string, file: File): Promise<ProductImage> =>
    send(
      api.POST('/api/seller/products/{id}/images', { ...byId(productId), ...rawBody(file) }),
      i18next.t('seller:images.uploadFailed'),
    ),
  deleteImage: async (productId: string, imageId: string): Promise<void> => {
    await send(
      api.DELETE('/api/seller/products/{id}/images/{imageId}', { params: { path: { id: productId, imageId } } }),
    );
  },
};
