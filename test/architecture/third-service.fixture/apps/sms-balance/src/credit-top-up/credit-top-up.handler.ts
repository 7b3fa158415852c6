import type { Envelope, PayloadOf } from '#contracts';
import type { SmsTopUpRequestedV1 } from '../../../../contracts/sms-top-up-requested.event.js';
import { decideTopUp, type TopUpDecision } from '../domain/top-up-decision.js';
import { organizationExists, type Queryable } from '../persistence/balance-rows.js';

/**
 * The use case, step 3: claim the message in the inbox, read, decide in the domain, write and record the answering
 * event in the outbox, all in one transaction (the real handler uses #messaging for the inbox and outbox).
 */
export class CreditTopUpHandler {
  constructor(private readonly db: Queryable) {}

  async decide(event: Envelope<PayloadOf<typeof SmsTopUpRequestedV1>>): Promise<TopUpDecision> {
    const exists = await organizationExists(this.db, event.payload.inn);
    return decideTopUp(exists, false, BigInt(event.payload.amount));
  }
}
