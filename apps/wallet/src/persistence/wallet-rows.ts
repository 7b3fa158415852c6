import type { EntityManager } from 'typeorm';
import { ApiError } from '#platform';

/** Fails with 404 WALLET_NOT_FOUND when the phone has no wallet. */
export async function requireWallet(tx: Pick<EntityManager, 'query'>, phone: string): Promise<void> {
  const [wallet] = await tx.query(`SELECT 1 FROM wallets WHERE phone = $1`, [phone]);
  if (!wallet) throw new ApiError(404, 'WALLET_NOT_FOUND', `no wallet for phone ${phone}`);
}
