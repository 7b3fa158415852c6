import { z } from 'zod';

/** An amount of som as every answer writes it (formatSom): whole som and always two places. */
export const somText = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,8})\.[0-9]{2}$/)
  .meta({ example: '150.00' });

/** A moment as every answer writes it: ISO 8601 in UTC. */
export const timestampText = z.iso.datetime().meta({ example: '2026-03-01T09:30:00.000Z' });

/** A Megacom subscriber's phone: 996 and nine digits. */
export const phoneText = z
  .string()
  .regex(/^996[0-9]{9}$/)
  .meta({ example: '996555000001' });

/** A ledger amount with its sign: what left the balance (a debit, a charge) is negative. */
export const signedSomText = z
  .string()
  .regex(/^-?(0|[1-9][0-9]{0,8})\.[0-9]{2}$/)
  .meta({ example: '-150.00' });
