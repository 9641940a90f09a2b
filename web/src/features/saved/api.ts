// Saved items and recently viewed. No account needed: a guest's lists live behind a cookie and
// join the account's at sign-in.
import { api, send, type ResponseBody } from '../../api/client.ts';

export type SavedList = ResponseBody<'/api/saved', 'get'>;
export type SavedItem = SavedList['items'][number];
export type RecentlyViewed = ResponseBody<'/api/recently-viewed', 'get'>;
export type ViewedItem = RecentlyViewed['items'][number];

export const savedApi = {
  list: (signal?: AbortSignal): Promise<SavedList> => send(api.GET('/api/saved', { signal })),
  productIds: (signal?: AbortSignal) => send(api.GET('/api/saved/product-ids', { signal })),
  save: (productId: string) => send(api.PUT('/api/saved/{productId}', { params: { path: { productId } } })),
  unsave: (productId: string) => send(api.DELETE('/api/saved/{productId}', { params: { path: { productId } } })),
  recentlyViewed: (exclude: string | undefined, signal?: AbortSignal): Promise<RecentlyViewed> =>
    send(
      api.GET('/api/recently-viewed', { params: { query: { limit: 12, ...(exclude ? { exclude } : {}) } }, signal }),
    ),
  recordView: (productId: string) => send(api.POST('/api/recently-viewed', { body: { productId } })),
  clearViews: () => send(api.DELETE('/api/recently-viewed')),
};
