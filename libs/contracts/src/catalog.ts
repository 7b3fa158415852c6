import type { EventDefinition } from './event-definition.js';
import type { ServiceName } from './envelope.js';
import { PaymentRequestedV1 } from './events/payment-requested.event.js';
import { WalletPaymentRejectedV1 } from './events/wallet-payment-rejected.event.js';
import { PaymentRefundRequestedV1 } from './events/payment-refund-requested.event.js';
import { WalletPaymentRefundedV1 } from './events/wallet-payment-refunded.event.js';
import { SochiTopUpRequestedV1 } from './events/sochi-top-up-requested.event.js';
import { SochiTopUpCreditedV1 } from './events/sochi-top-up-credited.event.js';
import { SochiTopUpRefusedV1 } from './events/sochi-top-up-refused.event.js';
import { EcpInvoicePaymentRequestedV1 } from './events/ecp-invoice-payment-requested.event.js';
import { EcpInvoicePaidV1 } from './events/ecp-invoice-paid.event.js';
import { EcpInvoicePaymentRefusedV1 } from './events/ecp-invoice-payment-refused.event.js';
import { EcpSignatureProducedV1 } from './events/ecp-signature-produced.event.js';
import { EcpInvoiceIssuedV1 } from './events/ecp-invoice-issued.event.js';
import { EcpInvoiceExpiredV1 } from './events/ecp-invoice-expired.event.js';
import { EcpInvoiceCancelledV1 } from './events/ecp-invoice-cancelled.event.js';
import { EcpSignatureProductionFailedV1 } from './events/ecp-signature-production-failed.event.js';
import { WalletAutopaymentDueV1 } from './events/wallet-autopayment-due.event.js';
import { PaymentCompletedV1 } from './events/payment-completed.event.js';
import { PaymentRejectedV1 } from './events/payment-rejected.event.js';
import { PaymentRefundedV1 } from './events/payment-refunded.event.js';
import { WalletNotificationRaisedV1 } from './events/wallet-notification-raised.event.js';
import { SochiReportsReleasedV1 } from './events/sochi-reports-released.event.js';
import { PaymentStuckV1 } from './events/payment-stuck.event.js';

/** Every integration event version in the system. AsyncAPI, topology and validation all derive from this list. */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  PaymentRequestedV1,
  WalletPaymentRejectedV1,
  PaymentRefundRequestedV1,
  WalletPaymentRefundedV1,
  SochiTopUpRequestedV1,
  SochiTopUpCreditedV1,
  SochiTopUpRefusedV1,
  EcpInvoicePaymentRequestedV1,
  EcpInvoicePaidV1,
  EcpInvoicePaymentRefusedV1,
  EcpSignatureProducedV1,
  EcpInvoiceIssuedV1,
  EcpInvoiceExpiredV1,
  EcpInvoiceCancelledV1,
  EcpSignatureProductionFailedV1,
  WalletAutopaymentDueV1,
  PaymentCompletedV1,
  PaymentRejectedV1,
  PaymentRefundedV1,
  WalletNotificationRaisedV1,
  SochiReportsReleasedV1,
  PaymentStuckV1,
];

const byKey = new Map(EVENT_CATALOG.map((d) => [`${d.type}@${d.version}`, d]));

/** The definition for a type and version, or undefined when no such event exists. */
export function findEvent(type: string, version: number): EventDefinition | undefined {
  return byKey.get(`${type}@${version}`);
}

/**
 * The events a service consumes: its queue is bound to exactly these routing keys. (The catalog is a parameter so the
 * third-service fixture of docs/architecture.md can run the derivations on a catalog with its events added.)
 */
export function eventsConsumedBy(
  service: ServiceName,
  catalog: readonly EventDefinition[] = EVENT_CATALOG,
): EventDefinition[] {
  return catalog.filter((d) => d.consumers.includes(service));
}
