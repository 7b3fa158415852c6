/** The expected failures of the wallet's requests, as values; `wallet.problems.ts` answers each over HTTP. */
export type WalletFailure =
  | { failure: 'wallet-not-found'; phone: string }
  | { failure: 'favorite-not-found'; phone: string; id: string }
  | { failure: 'debit-not-found'; phone: string; paymentId: string }
  | { failure: 'favorite-in-use'; autopaymentIds: string[] }
  | { failure: 'autopayment-not-found'; phone: string; id: string }
  | { failure: 'autopayment-cancelled'; id: string; code: string }
  | { failure: 'invalid'; field: string; code: string; message: string };

export const walletNotFound = (phone: string): WalletFailure => ({ failure: 'wallet-not-found', phone });
