import type { EntityManager } from 'typeorm';

/** True when the phone has a wallet. */
export async function walletExists(tx: Pick<EntityManager, 'query'>, phone: string): Promise<boolean> {
  const [wallet] = await tx.query(`SELECT 1 FROM wallets WHERE phone = $1`, [phone]);
  return wallet !== undefined;
}
