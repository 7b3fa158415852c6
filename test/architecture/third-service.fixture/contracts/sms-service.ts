import type { ServiceName } from '#contracts';

/**
 * Step 1 of docs/architecture.md adds 'sms-balance' to SERVICES in libs/contracts/src/envelope.ts. The fixture
 * must not change production code, so it names the service here and casts: the derivations take any name.
 */
export const SMS_BALANCE = 'sms-balance' as ServiceName;
