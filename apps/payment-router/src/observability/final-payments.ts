import { Injectable } from '@nestjs/common';

/**
 * In-process news that this instance committed a payment's final step: told after the COMMIT, so that those waiting
 * for it (long-polls of GET /v1/payments/{id}) answer at once instead of at their next re-read.
 */
@Injectable()
export class FinalPayments {
  private readonly listeners = new Set<(paymentId: string) => void>();

  /** Calls `listener` with each payment made final from now on; returns the way to stop. */
  listen(listener: (paymentId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  committed(paymentId: string): void {
    for (const listener of this.listeners) listener(paymentId);
  }
}
