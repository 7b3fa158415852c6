import { z } from 'zod';
import { coded } from '#platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A registration id in a path: a UUID (an unknown but well-formed id is a 404, not a 400). */
export const registrationIdParam = z
  .string()
  .refine(...coded<string>('INVALID_REGISTRATION_ID', 'a registration id is a UUID', (v) => UUID.test(v)));
