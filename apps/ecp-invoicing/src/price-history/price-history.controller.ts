import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { formatSom } from '#money';
import { Access, ANY_STAFF, ApiError, ApiResult, ZodPipe } from '#platform';
import { PRODUCT_CODE_PATTERN } from '../domain/product.js';
import { priceHistory } from '../persistence/price-history.js';
import { priceHistorySchema, type PriceHistory } from './price-history.schema.js';
import { z } from 'zod';

const productCode = z.string().regex(PRODUCT_CODE_PATTERN, 'a product code such as DIRECTOR_CLOUD');

@ApiTags('ЭЦП products')
@Controller('v1/ecp/products')
export class PriceHistoryController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ staff: ANY_STAFF })
  @Get(':code/prices')
  @ApiOperation({
    operationId: 'listProductPrices',
    summary: "A product's price history (staff)",
    description: 'Every price the product has had, newest first, with when and by whom it was set.',
  })
  @ApiParam({ name: 'code', example: 'DIRECTOR_CLOUD' })
  @ApiResult(200, 'PriceHistory', priceHistorySchema, 'The prices, newest first')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_CODE)' })
  @ApiResponse({ status: 404, description: 'PRODUCT_NOT_FOUND' })
  async list(@Param('code', new ZodPipe(productCode, 'code')) code: string): Promise<PriceHistory> {
    const spells = await priceHistory(this.db, code);
    if (!spells) throw new ApiError(404, 'PRODUCT_NOT_FOUND', `no product ${code}`);
    return {
      code,
      items: spells.map((s) => ({
        price: formatSom(s.price),
        from: s.from?.toISOString() ?? null,
        setBy: s.setBy,
        setByName: s.setByName,
      })),
    };
  }
}
