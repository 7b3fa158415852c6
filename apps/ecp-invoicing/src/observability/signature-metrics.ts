import { Counter } from 'prom-client';
import type { ProductionOutcome } from '../domain/signature-producer.js';

const certificates = new Counter({
  name: 'dostek_ecp_certificates_total',
  help: 'ЭЦП signature productions: certificates produced, and failures awaiting staff by code',
  labelNames: ['result', 'code'],
});

/** Counted after the transaction that recorded the production committed. */
export function countProduction(outcome: ProductionOutcome | undefined): void {
  if (outcome?.kind === 'produced') certificates.inc({ result: 'produced', code: '' });
  else if (outcome?.kind === 'failed') certificates.inc({ result: 'failed', code: outcome.code });
}
