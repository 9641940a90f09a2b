// Every module's erasure policies in one list, in the order the erasure job applies them
// (children before the users row they point at). Assembled here, by the module that erases accounts:
// the engine (src/erasure) knows no module, and every module's erasure.ts knows only the engine's types.
import type { ErasurePolicy } from '../../erasure/policy.ts';
import { accountsErasure, pendingNewEmailsOf } from '../accounts/index.ts';
import { authErasure } from '../auth/index.ts';
import { mailErasure } from '../mail/index.ts';
import { rateLimitErasure } from '../rate-limit/index.ts';
import { jobsErasure } from '../../jobs/erasure.ts';
import { catalogErasure } from '../catalog/index.ts';
import { cartErasure } from '../cart/index.ts';
import { savedErasure } from '../saved/index.ts';
import { addressesErasure } from '../addresses/index.ts';
import { paymentsErasure } from '../payments/index.ts';
import { ordersErasure } from '../orders/index.ts';
import { returnsErasure } from '../returns/index.ts';
import { rolesErasure } from '../roles/index.ts';
import { auditErasure, deletionErasure } from './erasure.ts';
import { sellerErasure } from '../catalog/index.ts';
import { postsErasure } from '../posts/index.ts';
import { messagesErasure } from '../messages/index.ts';
import { supportErasure } from '../support/index.ts';
import { webhooksErasure } from '../webhooks/index.ts';
import { filesErasure } from '../files/index.ts';
import { sellerDashboardErasure } from '../seller-dashboard/index.ts';
import { currencyErasure } from '../currency/index.ts';

export const erasureRegistry: ErasurePolicy[] = [
  ...jobsErasure,
  ...mailErasure(pendingNewEmailsOf),
  ...rateLimitErasure,
  ...cartErasure,
  ...savedErasure,
  ...addressesErasure,
  ...paymentsErasure,
  ...returnsErasure,
  ...ordersErasure,
  ...postsErasure,
  ...messagesErasure,
  ...sellerErasure,
  ...filesErasure,
  ...catalogErasure,
  ...supportErasure,
  ...rolesErasure,
  ...deletionErasure,
  ...auditErasure,
  ...authErasure,
  ...accountsErasure,
  ...webhooksErasure,
  ...sellerDashboardErasure,
  ...currencyErasure,
];
