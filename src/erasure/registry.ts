// Every module's erasure policies in one list, in the order the erasure job applies them
// (children before the users row they point at).
import type { ErasurePolicy } from './policy.ts';
import { accountsErasure } from '../modules/accounts/erasure.ts';
import { authErasure } from '../modules/auth/erasure.ts';
import { mailErasure } from '../modules/mail/erasure.ts';
import { rateLimitErasure } from '../modules/rate-limit/erasure.ts';
import { jobsErasure } from '../jobs/erasure.ts';
import { catalogErasure } from '../modules/catalog/erasure.ts';
import { cartErasure } from '../modules/cart/erasure.ts';
import { addressesErasure } from '../modules/addresses/erasure.ts';
import { paymentsErasure } from '../modules/payments/erasure.ts';
import { ordersErasure } from '../modules/orders/erasure.ts';
import { rolesErasure } from '../modules/roles/erasure.ts';
import { auditErasure, deletionErasure } from '../modules/deletion/erasure.ts';
import { sellerErasure } from '../modules/seller/erasure.ts';
import { postsErasure } from '../modules/posts/erasure.ts';
import { messagesErasure } from '../modules/messages/erasure.ts';
import { supportErasure } from '../modules/support/erasure.ts';
import { webhooksErasure } from '../modules/webhooks/erasure.ts';

export const erasureRegistry: ErasurePolicy[] = [
  ...jobsErasure,
  ...mailErasure,
  ...rateLimitErasure,
  ...cartErasure,
  ...addressesErasure,
  ...paymentsErasure,
  ...ordersErasure,
  ...postsErasure,
  ...messagesErasure,
  ...sellerErasure,
  ...catalogErasure,
  ...supportErasure,
  ...rolesErasure,
  ...deletionErasure,
  ...auditErasure,
  ...authErasure,
  ...accountsErasure,
  ...webhooksErasure,
];
