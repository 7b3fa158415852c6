import { describe, it } from '@jest/globals';
import { SochiTopUpRequestedV1 } from '#contracts';
import { consumerRelies, field } from '../../../../test/contract/support/message-pact.js';

/** The messages sochi-balance relies on, and the fields it reads from each. */
describe('sochi-balance, as a consumer', () => {
  it('relies on sochi.top-up-requested.v1 to credit an organization', () =>
    consumerRelies('sochi-balance', SochiTopUpRequestedV1, {
      paymentId: field.uuid(),
      inn: field.inn(),
      amount: field.tyiyn(),
      payerPhone: field.phone(),
      requestedAt: field.time(),
    }));
});
