/** One event of a payment's story, from whichever service knows it. */
export interface StoryEvent {
  at: string;
  service: 'payment-router' | 'wallet' | 'sochi-balance' | 'ecp-invoicing';
  /** What happened: payment-router's step (REQUESTED, COMPLETED, …), or a ledger line (DEBIT, REFUND, SOCHI_CREDIT), or an invoice status. */
  step: string;
  reason: string | null;
  amount: string | null;
}

export interface StoryParts {
  /** payment-router's timeline (GET /v1/payments/{id}/timeline), or its steps when the timeline is not offered. */
  router: { at: string; service?: string; step: string; reason: string | null }[];
  walletLines: { kind: string; amount: string; createdAt: string }[];
  sochiCredits: { amount: string; at: string }[];
  invoiceHistory: { status: string; at: string; cause: string | null }[];
}

const SERVICES = new Set(['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing']);

/**
 * The payment's whole story on one line of time: payment-router's steps and each service's own record of it (the
 * wallet's ledger lines, the СОЧИ credit, the invoice's transitions), oldest first; on equal times the router's step
 * comes first, as it is what caused the rest.
 */
export function paymentStory(parts: StoryParts): StoryEvent[] {
  const events: StoryEvent[] = [
    ...parts.router.map((e) => ({
      at: e.at,
      service: (SERVICES.has(e.service ?? '') ? e.service : 'payment-router') as StoryEvent['service'],
      step: e.step,
      reason: e.reason,
      amount: null,
    })),
    ...parts.walletLines.map((l) => ({
      at: l.createdAt,
      service: 'wallet' as const,
      step: l.kind,
      reason: null,
      amount: l.amount,
    })),
    ...parts.sochiCredits.map((c) => ({
      at: c.at,
      service: 'sochi-balance' as const,
      step: 'SOCHI_CREDIT',
      reason: null,
      amount: c.amount,
    })),
    ...parts.invoiceHistory.map((h) => ({
      at: h.at,
      service: 'ecp-invoicing' as const,
      step: `INVOICE_${h.status}`,
      reason: h.cause,
      amount: null,
    })),
  ];
  const rank = (e: StoryEvent) => (parts.router.length > 0 && e.service === 'payment-router' ? 0 : 1);
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
