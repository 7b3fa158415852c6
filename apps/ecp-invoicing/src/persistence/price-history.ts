import type { SqlExecutor } from '#messaging';
import type { Tyiyn } from '#money';

export interface PriceSpell {
  price: Tyiyn;
  /** Null for the price the product was created with. */
  from: Date | null;
  setBy: string | null;
  setByName: string | null;
}

/** Every price a product has had, newest first: each change, then the price before the first change. */
export async function priceHistory(db: SqlExecutor, code: string): Promise<PriceSpell[] | undefined> {
  const [product] = await db.query(`SELECT price FROM products WHERE code = $1`, [code]);
  if (!product) return undefined;
  const changes: Record<string, any>[] = await db.query(
    `SELECT old_price, new_price, changed_at, changed_by, changed_by_name FROM product_price_changes WHERE product_code = $1 ORDER BY id DESC`,
    [code],
  );
  const first = changes.length ? BigInt(changes[changes.length - 1].old_price) : BigInt(product.price);
  return [
    ...changes.map((c) => ({
      price: BigInt(c.new_price),
      from: new Date(c.changed_at),
      setBy: c.changed_by ?? null,
      setByName: c.changed_by_name ?? null,
    })),
    { price: first, from: null, setBy: null, setByName: null },
  ];
}
