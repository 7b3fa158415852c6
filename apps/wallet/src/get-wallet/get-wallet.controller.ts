import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ANY_STAFF, ApiError, ApiResult, CLOCK, ZodPipe, type Clock } from '#platform';
import { turnoverMonth } from '../domain/month-turnover.js';
import { walletScreen } from '../domain/wallet-screen.js';
import { WALLET_CONFIG, type WalletConfig } from '../wallet.config.js';
import { phoneParams, type PhoneParams } from './phone.params.js';
import { walletScreenResponse } from './wallet-screen.response.js';
import { walletSchema } from './wallet.schema.js';

@ApiTags('wallets')
@Controller('v1/wallets')
export class GetWalletController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(WALLET_CONFIG) private readonly config: WalletConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ partners: ['payments', 'service-queries'], staff: ANY_STAFF })
  @Get(':phone')
  @ApiOperation({
    operationId: 'getWallet',
    description:
      'The wallet panel of the payment screen: balance, turnover this Bishkek month, limit and what is still available.',
    summary: 'Balance, turnover this month and what is available under the monthly limit',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiResult(200, 'Wallet', walletSchema, 'The wallet panel')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 404, description: 'WALLET_NOT_FOUND' })
  async get(@Param(new ZodPipe(phoneParams)) { phone }: PhoneParams) {
    const month = turnoverMonth(this.clock.now());
    const [row] = await this.db.query(
      `SELECT w.balance, t.amount AS turnover
         FROM wallets w LEFT JOIN wallet_month_turnover t ON t.phone = w.phone AND t.month = $2
        WHERE w.phone = $1`,
      [phone, month],
    );
    if (!row) throw new ApiError(404, 'WALLET_NOT_FOUND', `no wallet for phone ${phone}`);
    const turnover = row.turnover === null ? null : { month, amount: BigInt(row.turnover) };
    return walletScreenResponse(
      phone,
      walletScreen(BigInt(row.balance), month, turnover, this.config.WALLET_MONTHLY_LIMIT),
    );
  }
}
