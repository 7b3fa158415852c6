import { EVENT_CATALOG, SERVICES, type EventDefinition } from '#contracts';
import { SMS_BALANCE } from './sms-service.js';
import { SmsTopUpCreditedV1 } from './sms-top-up-credited.event.js';
import { SmsTopUpRefusedV1 } from './sms-top-up-refused.event.js';
import { SmsTopUpRequestedV1 } from './sms-top-up-requested.event.js';

/** Step 1 once more: the new versions appended to EVENT_CATALOG, the service to SERVICES (here as copies). */
export const SMS_EVENTS: readonly EventDefinition[] = [SmsTopUpRequestedV1, SmsTopUpCreditedV1, SmsTopUpRefusedV1];
export const CATALOG_WITH_SMS: readonly EventDefinition[] = [...EVENT_CATALOG, ...SMS_EVENTS];
export const SERVICES_WITH_SMS = [...SERVICES, SMS_BALANCE] as const;
