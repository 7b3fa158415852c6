import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access, ANY_STAFF, ApiResult, openApiSchema, ZodPipe } from '#platform';
import { phoneParams, type PhoneParams } from '../get-wallet/phone.params.js';
import {
  favoriteParams,
  saveFavoriteRequest,
  updateFavoriteRequest,
  type FavoriteParams,
  type SaveFavoriteRequest,
  type UpdateFavoriteRequest,
} from './favorite.request.js';
import { favoriteListSchema, favoriteSchema, favoriteView, type FavoriteList } from './favorite.view.js';
import { FavoritesHandler } from './favorites.handler.js';

@ApiTags('favorites')
@Controller('v1/wallets')
export class FavoritesController {
  constructor(@Inject(FavoritesHandler) private readonly handler: FavoritesHandler) {}

  @Access({ partners: ['payments'] })
  @Post(':phone/favorites')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'saveFavorite',
    description:
      'ADD TO FAVORITES: saves a payment as a template, from the payment screen or from a past payment of this wallet.',
    summary: 'Save a favorite: {name, service, account, amount?} or {name, fromPaymentId}',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiBody({ schema: openApiSchema(saveFavoriteRequest) })
  @ApiResult(201, 'Favorite', favoriteSchema, 'Saved')
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED (INVALID_INN, INVALID_INVOICE_NUMBER, INVALID_AMOUNT, …)',
  })
  @ApiResponse({
    status: 404,
    description: 'WALLET_NOT_FOUND, PAYMENT_NOT_FOUND (fromPaymentId is not a debit of this wallet)',
  })
  async save(
    @Param(new ZodPipe(phoneParams)) { phone }: PhoneParams,
    @Body(new ZodPipe(saveFavoriteRequest)) body: SaveFavoriteRequest,
  ) {
    return favoriteView(await this.handler.save(phone, body));
  }

  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Get(':phone/favorites')
  @ApiOperation({
    operationId: 'listFavorites',
    description: "The wallet's favorites, oldest first.",
    summary: 'List favorites',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiResult(200, 'FavoriteList', favoriteListSchema, 'The favorites')
  @ApiResponse({ status: 404, description: 'WALLET_NOT_FOUND' })
  async list(@Param(new ZodPipe(phoneParams)) { phone }: PhoneParams): Promise<FavoriteList> {
    return { items: (await this.handler.list(phone)).map(favoriteView) };
  }

  @Access({ partners: ['payments', 'service-queries'], staff: ANY_STAFF })
  @Get(':phone/favorites/:id')
  @ApiOperation({
    operationId: 'getFavorite',
    description: 'One favorite; the router reads it here to pay from it.',
    summary: 'Read a favorite',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiParam({ name: 'id', description: 'The favorite id', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'Favorite', favoriteSchema, 'The favorite')
  @ApiResponse({ status: 404, description: 'FAVORITE_NOT_FOUND' })
  async get(@Param(new ZodPipe(favoriteParams)) { phone, id }: FavoriteParams) {
    return favoriteView(await this.handler.get(phone, id));
  }

  @Access({ partners: ['payments'] })
  @Patch(':phone/favorites/:id')
  @ApiOperation({
    operationId: 'updateFavorite',
    description: 'Renames a favorite, or changes its amount (null clears it).',
    summary: 'Rename a favorite or change its amount',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiParam({ name: 'id', description: 'The favorite id', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'Favorite', favoriteSchema, 'The favorite as changed')
  @ApiBody({ schema: openApiSchema(updateFavoriteRequest) })
  @ApiResponse({ status: 404, description: 'FAVORITE_NOT_FOUND' })
  async update(
    @Param(new ZodPipe(favoriteParams)) { phone, id }: FavoriteParams,
    @Body(new ZodPipe(updateFavoriteRequest)) body: UpdateFavoriteRequest,
  ) {
    return favoriteView(await this.handler.update(phone, id, body));
  }

  @Access({ partners: ['payments'] })
  @Delete(':phone/favorites/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteFavorite',
    description: 'Deletes a favorite that no active or paused autopayment pays.',
    summary: 'Delete a favorite',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiParam({ name: 'id', description: 'The favorite id', schema: { type: 'string', format: 'uuid' } })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiResponse({ status: 404, description: 'FAVORITE_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'FAVORITE_IN_USE: an active or paused autopayment pays it' })
  async delete(@Param(new ZodPipe(favoriteParams)) { phone, id }: FavoriteParams): Promise<void> {
    await this.handler.delete(phone, id);
  }
}
