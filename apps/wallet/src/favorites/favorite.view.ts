import { z } from 'zod';
import { formatSom } from '#money';
import { phoneText, somText, timestampText } from '#platform';

export const FAVORITE_COLUMNS = 'id, phone, name, service, account, amount, created_at, updated_at';

/** A favorite (payment template) as the API shows it. */
export const favoriteSchema = z.object({
  id: z.uuid(),
  phone: phoneText,
  name: z.string().meta({ example: 'Офис, СОЧИ' }),
  service: z.enum(['SOCHI', 'ECP']),
  account: z.string().meta({ example: '01234567890123' }),
  amount: somText.nullable().meta({ description: 'null: the amount is asked at each payment' }),
  createdAt: timestampText,
  updatedAt: timestampText,
});
export type Favorite = z.output<typeof favoriteSchema>;

/** The subscriber's favorites. */
export const favoriteListSchema = z.object({ items: z.array(favoriteSchema) });
export type FavoriteList = z.output<typeof favoriteListSchema>;

/** A favorites row as the API shows it. */
export function favoriteView(row: Record<string, any>): Favorite {
  return {
    id: row.id as string,
    phone: row.phone as string,
    name: row.name as string,
    service: row.service as 'SOCHI' | 'ECP',
    account: row.account as string,
    amount: row.amount === null ? null : formatSom(BigInt(row.amount)),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
