import { z } from 'zod';

/** The service names that produce and consume integration events. */
export const SERVICES = ['payment-router', 'wallet', 'sochi-balance', 'ecp-invoicing'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * Every message on the bus is this envelope around a versioned payload.
 * correlationId follows one business flow (a payment) end to end; causationId is the message that caused this one.
 */
export const envelopeSchema = z.object({
  messageId: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  producer: z.enum(SERVICES),
  payload: z.unknown(),
});

export type Envelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: P };
