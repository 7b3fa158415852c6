import type { SqlExecutor } from '#messaging';
import type { KeyStorage, Product } from '../domain/product.js';

interface ProductRow {
  code: string;
  name: string;
  key_storage: KeyStorage;
  price: string;
  validity_months: number;
  updated_at: Date;
}

export type StoredProduct = Product & { readonly updatedAt: Date };

const COLUMNS = 'code, name, key_storage, price, validity_months, updated_at';

function toProduct(row: ProductRow): StoredProduct {
  return {
    code: row.code,
    name: row.name,
    keyStorage: row.key_storage,
    price: BigInt(row.price),
    validityMonths: row.validity_months,
    updatedAt: row.updated_at,
  };
}

export async function listProducts(db: SqlExecutor): Promise<StoredProduct[]> {
  return ((await db.query(`SELECT ${COLUMNS} FROM products ORDER BY price DESC, code`)) as ProductRow[]).map(toProduct);
}

/** The product, optionally locked (a price change and a registration of that product are serialized). */
export async function findProduct(
  db: SqlExecutor,
  code: string,
  lock: '' | 'FOR UPDATE' | 'FOR SHARE' = '',
): Promise<StoredProduct | undefined> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM products WHERE code = $1 ${lock}`, [code]);
  return row && toProduct(row);
}
