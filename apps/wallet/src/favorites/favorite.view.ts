import { formatSom } from '#money';

export const FAVORITE_COLUMNS = 'id, phone, name, service, account, amount, created_at, updated_at';

/** A favorites row as the API shows it. */
export function favoriteView(row: Record<string, any>) {
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
