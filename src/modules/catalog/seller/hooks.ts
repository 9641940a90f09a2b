// Route hooks of the seller center: a session (401 before the body is read), then the caller's
// own store (403 NO_STORE, before the body is validated).
import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../auth/index.ts';
import { requireOwnStore, type Store } from './store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's own store, set on /api/seller routes. */
    sellerStore: Store;
  }
}

export async function requireStore(request: FastifyRequest): Promise<void> {
  request.sellerStore = await requireOwnStore(request.server.souk.db, request.user.id);
}

export const sellerAuth = { onRequest: requireUser, preValidation: requireStore } as const;
