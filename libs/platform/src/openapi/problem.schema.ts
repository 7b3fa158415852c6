import { z } from 'zod';

/** A field of the request that was refused, with its own code (`INVALID_AMOUNT`, `INVALID_CHARACTERS`, …). */
export const fieldErrorSchema = z.object({
  field: z.string().meta({ example: 'amount' }),
  code: z.string().meta({ example: 'INVALID_AMOUNT' }),
  message: z.string().meta({ example: 'a decimal som amount with two places, such as 150.00' }),
});

/** Every error answer (application/problem+json): RFC 9457 problem details with a stable `code` to branch on. */
export const problemSchema = z.object({
  type: z
    .string()
    .meta({ description: '`urn:dostek:problem:<code>`', example: 'urn:dostek:problem:VALIDATION_FAILED' }),
  title: z.string().meta({ description: 'The HTTP status in words', example: 'Bad Request' }),
  status: z.number().int().min(400).max(599).meta({ example: 400 }),
  code: z
    .string()
    .meta({
      description: 'Stable machine-readable code; the response description lists those it can be',
      example: 'VALIDATION_FAILED',
    }),
  detail: z.string().meta({ description: 'For people; never parse it', example: 'the request has invalid fields' }),
  instance: z.string().meta({ description: 'The request path', example: '/v1/payments' }),
  errors: z.array(fieldErrorSchema).optional().meta({ description: 'With VALIDATION_FAILED: each refused field' }),
});
