import type { Tyiyn } from '#money';
import type { PayableServiceCode } from './payable-service.js';

/** A subscriber's favorite (payment template) as the wallet keeps it: what to pay, and how much unless told. */
export interface Favorite {
  id: string;
  name: string;
  service: PayableServiceCode;
  account: string;
  amount: Tyiyn | null;
}
