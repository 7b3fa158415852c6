import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Access,
  ApiResult,
  CurrentActor,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_RULE,
  idempotencyKeyReused,
  IdempotencyKey,
  openApiSchema,
  phoneParams,
  ZodPipe,
  type Actor,
  type PhoneParams,
} from '#platform';
import { formatSom } from '#money';
import { walletNotFound } from '../domain/failures.js';
import { walletProblem } from '../wallet.problems.js';
import { TopUpWalletHandler, type TopUp } from './top-up-wallet.handler.js';
import { topUpRequest, type TopUpRequest } from './top-up-wallet.request.js';
import { topUpSchema, type TopUpAnswer } from './top-up.schema.js';

@ApiTags('wallets')
@Controller('v1/wallets')
export class TopUpWalletController {
  constructor(@Inject(TopUpWalletHandler) private readonly handler: TopUpWalletHandler) {}

  @Access({ partners: ['wallet-funding'], staff: ['treasury'] })
  @Post(':phone/top-ups')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'topUpWallet',
    description:
      'Credits money to the wallet; a retry with the same Idempotency-Key and body returns the first top-up and changes nothing.',
    summary: 'Top up a wallet, idempotently',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: true,
    description: `${IDEMPOTENCY_KEY_RULE}; one per top-up`,
  })
  @ApiBody({ schema: openApiSchema(topUpRequest) })
  @ApiResult(201, 'TopUp', topUpSchema, 'Topped up')
  @ApiResult(200, 'TopUp', topUpSchema, 'A retry: the top-up made earlier with this key')
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED (field codes INVALID_AMOUNT, INVALID_CHARACTERS), INVALID_IDEMPOTENCY_KEY or IDEMPOTENCY_KEY_REQUIRED',
  })
  @ApiResponse({ status: 404, description: 'WALLET_NOT_FOUND' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED: the key was used for another amount' })
  async topUp(
    @Param(new ZodPipe(phoneParams)) { phone }: PhoneParams,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodPipe(topUpRequest)) body: TopUpRequest,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ) {
    const result = await this.handler.handle(phone, idempotencyKey, body.amount, actor);
    switch (result.kind) {
      case 'wallet-not-found':
        throw walletProblem(walletNotFound(phone));
      case 'key-reused':
        throw idempotencyKeyReused('a top-up of another amount');
      case 'replayed':
        res.status(200);
        return topUpResponse(result.topUp);
      case 'applied':
        return topUpResponse(result.topUp);
    }
  }
}

function topUpResponse(t: TopUp): TopUpAnswer {
  return {
    id: t.id,
    phone: t.phone,
    amount: formatSom(t.amount),
    balanceAfter: formatSom(t.balanceAfter),
    createdAt: new Date(t.createdAt).toISOString(),
  };
}
