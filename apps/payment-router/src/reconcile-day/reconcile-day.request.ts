import { z } from 'zod';

/** MegaPay's register of the day, as the CSV text it sends (docs/reconciliation.md). */
export const reconcileDayRequest = z
  .object({
    megapayRegister: z
      .string()
      .max(5_000_000)
      .describe("MegaPay's register: CSV with the header idempotency_key,phone,service,account,amount,status,paid_at"),
  })
  .strict()
  .meta({
    example: {
      megapayRegister:
        'idempotency_key,phone,service,account,amount,status,paid_at\nmp-1,996555000001,SOCHI,01234567890123,150.00,COMPLETED,2026-11-26T09:30:00+06:00\n',
    },
  });
export type ReconcileDayRequest = z.infer<typeof reconcileDayRequest>;
