// Signing, the way Stripe does it: HMAC-SHA256 over "<unix seconds>.<raw body>", sent as
// `Souk-Signature: t=<unix seconds>,v1=<hex>`. The timestamp inside the signed text lets a
// receiver refuse replays of an old delivery (docs/webhooks.md shows the check).
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'Souk-Signature';

export function signWebhook(secret: string, body: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}
