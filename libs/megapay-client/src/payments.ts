import type { components, operations } from './generated/payment-router.js';

/**
 * What the MegaPay backend sends and reads: the router's OpenAPI document's own types (generated/payment-router.ts,
 * made by openapi-typescript and checked against the document in CI), so the client cannot drift from the API.
 */
type Schemas = components['schemas'];
type JsonBody<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** A payment from a subscriber's wallet: an INN (14 digits) for СОЧИ, an invoice number (16 digits) for ЭЦП; som as "150.00". */
export type PaymentRequest = JsonBody<'requestPayment'>;
export type PayableService = PaymentRequest['service'];
/** A subscriber's favorite paid: its amount, or the one given. */
export type FavoritePaymentRequest = JsonBody<'payFavorite'>;
export type Payment = Schemas['Payment'];
export type PaymentStatus = Payment['status'];
export type PaymentCheck = Schemas['PaymentCheck'];
export type ServiceList = Schemas['ServiceList'];
/** What every error answer is (RFC 9457 with a stable `code`). */
export type Problem = Schemas['Problem'];

export const FINAL_STATUSES: readonly PaymentStatus[] = ['COMPLETED', 'REJECTED', 'REFUNDED'];

/** An answer the router gave as problem+json: `code` is stable, `status` the HTTP status. */
export class MegaPayApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem: Partial<Problem> & Record<string, unknown>,
  ) {
    super(`${status} ${code}: ${String(problem.detail ?? '')}`);
    this.name = 'MegaPayApiError';
  }
}
