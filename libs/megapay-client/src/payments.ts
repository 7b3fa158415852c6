/** What the MegaPay backend sends and reads, as the router's OpenAPI document describes it (checked by a contract test). */
export type PayableService = 'SOCHI' | 'ECP';

/** A payment from a subscriber's wallet: an INN (14 digits) for СОЧИ, an invoice number (16 digits) for ЭЦП; som as "150.00". */
export interface PaymentRequest {
  phone: string;
  service: PayableService;
  account: string;
  amount: string;
}

export type PaymentStatus = 'PENDING' | 'COMPLETED' | 'REJECTED' | 'REFUNDED';
export const FINAL_STATUSES: readonly PaymentStatus[] = ['COMPLETED', 'REJECTED', 'REFUNDED'];

export interface Payment {
  id: string;
  status: PaymentStatus;
  phone: string;
  service: PayableService;
  account: string;
  amount: string;
  reason: string | null;
  reasonMessage: string | null;
  createdAt: string;
  [more: string]: unknown;
}

export interface PaymentCheck {
  payable: boolean;
  problems: Array<{ code: string; message: string }>;
  holderName: string | null;
  amountDue: string | null;
  [more: string]: unknown;
}

/** An answer the router gave as problem+json: `code` is stable, `status` the HTTP status. */
export class MegaPayApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem: Record<string, unknown>,
  ) {
    super(`${status} ${code}: ${String(problem.detail ?? '')}`);
    this.name = 'MegaPayApiError';
  }
}
