import { z } from 'zod';
import { timestampText } from '#platform';
import { TIMELINE_SERVICES, TIMELINE_STEPS } from '../domain/payment-timeline.js';
import { listedPaymentSchema } from '../persistence/listed-payment-view.js';

/** A payment's story as payment-router knows it: each step, oldest first, with the service whose answer caused it. */
export const timelineSchema = z.object({
  payment: listedPaymentSchema,
  events: z.array(
    z.object({
      at: timestampText,
      service: z.enum(TIMELINE_SERVICES),
      step: z.enum(TIMELINE_STEPS),
      reason: z.string().nullable().meta({ example: null }),
    }),
  ),
});
export type Timeline = z.output<typeof timelineSchema>;
