import { answerWith, ApiError } from '#platform';
import type { WalletFailure } from './domain/failures.js';

/** The one HTTP answer of each expected wallet failure. */
export function walletProblem(f: WalletFailure): ApiError {
  switch (f.failure) {
    case 'wallet-not-found':
      return new ApiError(404, 'WALLET_NOT_FOUND', `no wallet for phone ${f.phone}`);
    case 'favorite-not-found':
      return new ApiError(404, 'FAVORITE_NOT_FOUND', `wallet ${f.phone} has no favorite ${f.id}`);
    case 'debit-not-found':
      return new ApiError(404, 'PAYMENT_NOT_FOUND', `wallet ${f.phone} has no debited payment ${f.paymentId}`);
    case 'favorite-in-use':
      return new ApiError(409, 'FAVORITE_IN_USE', 'an autopayment pays this favorite; cancel the autopayment first', {
        autopaymentIds: f.autopaymentIds,
      });
    case 'autopayment-not-found':
      return new ApiError(404, 'AUTOPAYMENT_NOT_FOUND', `wallet ${f.phone} has no autopayment ${f.id}`);
    case 'autopayment-cancelled':
      return new ApiError(409, f.code, `autopayment ${f.id} is cancelled`);
    case 'invalid':
      return new ApiError(400, 'VALIDATION_FAILED', `${f.field}: ${f.message}`, {
        errors: [{ field: f.field, code: f.code, message: f.message }],
      });
  }
}

/** A wallet handler's result, or its failure thrown as its HTTP answer (for controllers). */
export const walletAnswer = answerWith(walletProblem);
