export type Money = { amount: number; currency: string };

export const MoneySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['amount', 'currency'],
  properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
} as const;

export const money = (amount: number, currency: string): Money => ({ amount, currency });
