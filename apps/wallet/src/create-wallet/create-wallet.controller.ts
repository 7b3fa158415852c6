import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import {
  Access,
  ApiError,
  ApiResult,
  CLOCK,
  CurrentActor,
  openApiSchema,
  recordAudit,
  ZodPipe,
  type Actor,
  type Clock,
} from '#platform';
import { turnoverMonth } from '../domain/month-turnover.js';
import { walletScreen } from '../domain/wallet-screen.js';
import { walletSchema } from '../get-wallet/wallet.schema.js';
import { walletScreenResponse } from '../get-wallet/wallet-screen.response.js';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';
import { createWalletRequest, type CreateWalletRequest } from './create-wallet.request.js';

@ApiTags('wallets')
@Controller('v1/wallets')
export class CreateWalletController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ partners: ['wallet-funding'] })
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'openWallet',
    description: "Opens a subscriber's MegaPay wallet with a zero balance.",
    summary: 'Open a wallet for a phone, with a zero balance',
  })
  @ApiBody({ schema: openApiSchema(createWalletRequest) })
  @ApiResult(201, 'Wallet', walletSchema, 'Opened')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 409, description: 'WALLET_EXISTS' })
  async create(@Body(new ZodPipe(createWalletRequest)) { phone }: CreateWalletRequest, @CurrentActor() actor: Actor) {
    const now = this.clock.now();
    const rows = await this.db.transaction(async (tx) => {
      const created: unknown[] = await tx.query(
        `INSERT INTO wallets (phone, created_at) VALUES ($1, $2) ON CONFLICT (phone) DO NOTHING RETURNING created_at`,
        [phone, now],
      );
      if (created.length === 1)
        await recordAudit(
          tx,
          actor,
          { action: 'wallet.opened', subject: `wallet:${phone}`, before: null, after: { balance: '0' } },
          now,
        );
      return created as Record<string, any>[];
    });
    if (rows.length === 0) throw new ApiError(409, 'WALLET_EXISTS', `a wallet for phone ${phone} already exists`);
    const month = turnoverMonth(now);
    return {
      ...walletScreenResponse(phone, walletScreen(0n, month, null, this.config.WALLET_MONTHLY_LIMIT)),
      createdAt: rows[0].created_at,
    };
  }
}
