import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { walletNotificationKind } from '#contracts';
import { Access, ANY_STAFF, ApiResult, ZodPipe } from '#platform';
import { notificationPageSchema, type NotificationPage } from './notification-page.schema.js';
import { formatSom } from '#money';
import { phoneParams, type PhoneParams } from '../get-wallet/phone.params.js';
import { requireWallet } from '../persistence/wallet-rows.js';

const notificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/, 'a notification id from nextBefore')
    .optional(),
  kind: walletNotificationKind.optional(),
});
type NotificationsQuery = z.infer<typeof notificationsQuery>;

@ApiTags('notifications')
@Controller('v1/wallets')
export class ListNotificationsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Access({ partners: ['payments'], staff: ANY_STAFF })
  @Get(':phone/notifications')
  @ApiOperation({
    operationId: 'listNotifications',
    description: 'What the subscriber was told (payment outcomes, autopayment reminders and failures), newest first.',
    summary: 'Notifications, newest first, paged by id',
  })
  @ApiParam({ name: 'phone', example: '996555000001' })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiQuery({ name: 'before', required: false, description: 'nextBefore of the previous page' })
  @ApiQuery({ name: 'kind', required: false, enum: walletNotificationKind.options })
  @ApiResult(200, 'NotificationPage', notificationPageSchema, 'A page of notifications, newest first')
  @ApiResponse({ status: 404, description: 'WALLET_NOT_FOUND' })
  async list(
    @Param(new ZodPipe(phoneParams)) { phone }: PhoneParams,
    @Query(new ZodPipe(notificationsQuery)) q: NotificationsQuery,
  ): Promise<NotificationPage> {
    await requireWallet(this.db.manager, phone);
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT id, kind, message, amount, payment_id, autopayment_id, created_at FROM notifications
        WHERE phone = $1 AND ($2::bigint IS NULL OR id < $2::bigint) AND ($3::text IS NULL OR kind = $3)
        ORDER BY id DESC LIMIT $4`,
      [phone, q.before ?? null, q.kind ?? null, q.limit + 1],
    );
    const items = rows.slice(0, q.limit).map((r) => ({
      id: String(r.id),
      kind: r.kind,
      message: r.message,
      amount: r.amount === null ? null : formatSom(BigInt(r.amount)),
      paymentId: r.payment_id,
      autopaymentId: r.autopayment_id,
      createdAt: new Date(r.created_at).toISOString(),
    }));
    return { items, nextBefore: rows.length > q.limit ? items[items.length - 1].id : null };
  }
}
