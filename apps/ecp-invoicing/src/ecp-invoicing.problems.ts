import { answerWith, ApiError } from '#platform';
import type { EcpFailure } from './domain/failures.js';

/** The one HTTP answer of each expected ЭЦП failure. */
export function ecpProblem(f: EcpFailure): ApiError {
  switch (f.failure) {
    case 'product-not-found':
      return new ApiError(404, 'PRODUCT_NOT_FOUND', `no product ${f.code}`);
    case 'invoice-not-found':
      return new ApiError(404, 'INVOICE_NOT_FOUND', `no invoice with number ${f.number}`);
    case 'invoice-state-refused':
      return new ApiError(409, f.code, f.message, { invoiceStatus: f.invoiceStatus });
    case 'invalid':
      return new ApiError(400, 'VALIDATION_FAILED', `${f.field}: ${f.message}`, {
        errors: [{ field: f.field, code: f.code, message: f.message }],
      });
  }
}

/** An ЭЦП handler's result, or its failure thrown as its HTTP answer (for controllers). */
export const ecpAnswer = answerWith(ecpProblem);
