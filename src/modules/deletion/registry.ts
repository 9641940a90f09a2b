// Every module's erasure policies in one list, in the order the erasure job applies them
// (children before the users row they point at). Assembled here, by the module that erases accounts:
// the engine (src/erasure) knows no module, and every module's erasure.ts knows only the engine's types.
import type { ErasurePolicy } from '../../erasure/policy.ts';
import { accountsErasure } from '../accounts/erasure.ts';
import { authErasure } from '../auth/erasure.ts';
import { mailErasure } from '../mail/erasure.ts';
import { rateLimitErasure } from '../rate-limit/erasure.ts';
import { jobsErasure } from '../../jobs/erasure.ts';
import { catalogErasure } from '../catalog/erasure.ts';
import { cartErasure } from '../cart/erasure.ts';
import { addressesErasure } from '../addresses/erasure.ts';
import { paymentsErasure } from '../payments/erasure.ts';
import { ordersErasure } from '../orders/erasure.ts';
import { rolesErasure } from '../roles/erasure.ts';
import { auditErasure, deletionErasure } from './erasure.ts';
import { sellerErasure } from '../catalog/seller/erasure.ts';
import { postsErasure } from '../posts/erasure.ts';
import { messagesErasure } from '../messages/erasure.ts';
import { supportErasure } from '../support/erasure.ts';
import { webhooksErasure } from '../webhooks/erasure.ts';

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
