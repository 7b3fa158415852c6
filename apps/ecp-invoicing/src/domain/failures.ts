/** The expected failures of ЭЦП requests, as values; `ecp-invoicing.problems.ts` answers each over HTTP. */
export type EcpFailure =
  | { failure: 'product-not-found'; code: string }
  | { failure: 'invoice-not-found'; number: string }
  /** The invoice's state does not allow what was asked (cancel, replace the CSR). */
  | { failure: 'invoice-state-refused'; code: string; message: string; invoiceStatus: string }
  | { failure: 'invalid'; field: string; code: string; message: string };

export const invoiceNotFound = (number: string): EcpFailure => ({ failure: 'invoice-not-found', number });
