import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { formatSom } from '#money';
import { Access, ANY_STAFF, ApiResult, CurrentActor, openApiSchema, ZodPipe, type Actor } from '#platform';
import { listProducts, type StoredProduct } from '../persistence/product-rows.js';
import { ChangePriceHandler } from './change-price.handler.js';
import { productListSchema, productSchema, type Product, type ProductList } from './product.schema.js';
import { changePriceRequest, productCodeParam, type ChangePriceRequest } from './change-price.request.js';

const view = (p: StoredProduct): Product => ({
  code: p.code,
  name: p.name,
  keyStorage: p.keyStorage,
  price: formatSom(p.price),
  validityMonths: p.validityMonths,
  updatedAt: p.updatedAt.toISOString(),
});

@ApiTags('ЭЦП products')
@Controller('v1/ecp/products')
export class ProductsController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ChangePriceHandler) private readonly changePrice: ChangePriceHandler,
  ) {}

  @Access({ partners: ['ecp-registration'], staff: ANY_STAFF })
  @Get()
  @ApiOperation({
    operationId: 'listProducts',
    description: 'The ЭЦП products a client can register for, with their current prices (staff).',
    summary: 'ЭЦП products and their current prices',
  })
  @ApiResult(200, 'ProductList', productListSchema, 'Every product')
  async list(): Promise<ProductList> {
    return { items: (await listProducts(this.db)).map(view) };
  }

  @Access({ staff: ['pricing'] })
  @Put(':code')
  @ApiOperation({
    operationId: 'changeProductPrice',
    description: "Changes a product's price; invoices already issued keep their amount (staff).",
    summary: "Change a product's price for invoices issued from now on",
  })
  @ApiParam({ name: 'code', example: 'DIRECTOR_CLOUD' })
  @ApiBody({ schema: openApiSchema(changePriceRequest) })
  @ApiResult(200, 'Product', productSchema, 'The product at its new price')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_PRICE, INVALID_PRODUCT_CODE)' })
  @ApiResponse({ status: 404, description: 'PRODUCT_NOT_FOUND' })
  async put(
    @Param('code', new ZodPipe(productCodeParam, 'code')) code: string,
    @Body(new ZodPipe(changePriceRequest)) body: ChangePriceRequest,
    @CurrentActor() actor: Actor,
  ) {
    return view(await this.changePrice.handle(code, body.price, actor));
  }
}
