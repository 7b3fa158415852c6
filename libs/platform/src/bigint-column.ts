import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string from pg; the domain works in bigint tyiyn. */
export const bigintColumn: ValueTransformer = {
  to: (v: bigint | null | undefined) => (v === null || v === undefined ? v : v.toString()),
  from: (v: string | null) => (v === null ? null : BigInt(v)),
};
