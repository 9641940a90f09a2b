// A payment provider seen through a network a test controls: hooks run before the request reaches
// the provider (it may fail there, or never go on) and after the provider has answered (the answer
// may never come back). Everything else is the wrapped provider's.
import type { ChargeRequest, ChargeResult, PaymentProvider } from '../../src/modules/payments/provider.ts';

export type NetworkHooks = {
  /** Before a charge request leaves: throw to fail it unsent, or never settle to hold it. */
  beforeCharge?: (request: ChargeRequest) => Promise<void>;
  /** After the provider has charged, before its answer is handed back. */
  afterCharge?: (request: ChargeRequest, result: ChargeResult) => Promise<void>;
  onRefund?: (reference: string) => void;
};

export function behindNetwork(provider: PaymentProvider, hooks: NetworkHooks): PaymentProvider {
  return {
    id: provider.id,
    label: provider.label,
    isTest: provider.isTest,
    ...(provider.testCards ? { testCards: provider.testCards } : {}),
    tokenize: (card) => provider.tokenize(card),
    async charge(request) {
      await hooks.beforeCharge?.(request);
      const result = await provider.charge(request);
      await hooks.afterCharge?.(request, result);
      return result;
    },
    findCharge: (request, sent) => provider.findCharge(request, sent),
    async refund(request) {
      hooks.onRefund?.(request.chargeReference);
      return provider.refund(request);
    },
  };
}
