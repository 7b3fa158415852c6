import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tyiyn } from '#money';
import { ApiError, CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import { findProduct, type StoredProduct } from '../persistence/product-rows.js';

/** Changes a product's price for invoices issued from now on; issued invoices keep the amount they were issued for. */
@Injectable()
export class ChangePriceHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(code: string, price: Tyiyn, actor: Actor): Promise<StoredProduct> {
    return this.db.transaction(async (tx) => {
      const product = await findProduct(tx, code, 'FOR UPDATE');
      if (!product) throw new ApiError(404, 'PRODUCT_NOT_FOUND', `no product ${code}`);
      if (product.price === price) return product;
      const at = this.clock.now();
      await tx.query(`UPDATE products SET price = $2, updated_at = $3 WHERE code = $1`, [code, price.toString(), at]);
      await tx.query(
        `INSERT INTO product_price_changes (product_code, old_price, new_price, changed_at, changed_by, changed_by_name) VALUES ($1, $2, $3, $4, $5, $6)`,
        [code, product.price.toString(), price.toString(), at, actor.id, actor.name],
      );
      await recordAudit(
        tx,
        actor,
        {
          action: 'ecp.price-changed',
          subject: `product:${code}`,
          before: { price: product.price.toString() },
          after: { price: price.toString() },
        },
        at,
      );
      return { ...product, price, updatedAt: at };
    });
  }
}
