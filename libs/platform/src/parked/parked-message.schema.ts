import { z } from 'zod';
import { timestampText } from '../openapi/answer-fields.js';

export const PARKED_MESSAGE_STATUSES = ['OPEN', 'REPUBLISHED', 'DISCARDED'] as const;

/** One parked message as staff see it. */
export const parkedMessageSchema = z.object({
  id: z.string().meta({ description: 'Increasing; pass the last one as ?before for the next page', example: '42' }),
  messageId: z
    .string()
    .meta({
      description: 'The AMQP message id (sha256:… of the body when it had none)',
      example: '0b9f5c1e-4a8e-4a47-9d3b-1f4a2a7c9e10',
    }),
  queue: z.string().meta({ example: 'wallet.parking' }),
  routingKey: z.string().nullable().meta({ example: 'payment.requested.v1' }),
  code: z.string().meta({ description: 'Why it was parked (docs/messaging.md)', example: 'UNKNOWN_PAYMENT' }),
  reason: z.string(),
  originalUserId: z
    .string()
    .nullable()
    .meta({ description: 'The broker user that published the original', example: 'dostek-payment-router' }),
  parkedAt: timestampText,
  body: z.string().meta({ description: 'The body as UTF-8 text (bytes that are not UTF-8 shown as U+FFFD)' }),
  bodyBase64: z.string().meta({ description: 'The body exactly, base64' }),
  headers: z.record(z.string(), z.unknown()),
  status: z.enum(PARKED_MESSAGE_STATUSES),
  resolvedAt: timestampText.nullable(),
  resolvedBy: z.string().nullable().meta({ example: 'staff:7f1c0c1e' }),
  resolutionNote: z.string().nullable(),
});
export type ParkedMessageView = z.output<typeof parkedMessageSchema>;

/** A page of parked messages, newest first. */
export const parkedMessagePageSchema = z.object({
  items: z.array(parkedMessageSchema),
  total: z.number().int().min(0).meta({ description: 'How many match the filter, on every page' }),
  nextBefore: z.string().nullable().meta({ description: 'The ?before of the next page; null on the last' }),
});
export type ParkedMessagePage = z.output<typeof parkedMessagePageSchema>;

export const parkedMessageQuery = z.object({
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,63}$/)
    .optional(),
  status: z.enum(PARKED_MESSAGE_STATUSES).default('OPEN'),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ParkedMessageQuery = z.infer<typeof parkedMessageQuery>;

/** What staff say when they republish or discard a parked message: kept with it and in the audit trail. */
export const parkedMessageActionRequest = z
  .object({ note: z.string().trim().min(1).max(500).describe('why, kept with the message and in the audit trail') })
  .meta({ example: { note: 'wallet 996555000001 exists now' } });
export type ParkedMessageActionRequest = z.infer<typeof parkedMessageActionRequest>;
