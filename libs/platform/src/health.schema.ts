import { z } from 'zod';

const indicators = z
  .record(z.string(), z.object({ status: z.string() }).catchall(z.unknown()))
  .meta({ example: { database: { status: 'up' }, broker: { status: 'up' } } });

/** The answer of GET /health (terminus): each dependency's state. */
export const healthSchema = z.object({
  status: z.enum(['ok', 'error', 'shutting_down']),
  info: indicators.optional(),
  error: indicators.optional(),
  details: indicators,
});
