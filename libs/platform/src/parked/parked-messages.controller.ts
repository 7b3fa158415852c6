import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentActor, type Actor } from '../audit/audit-trail.js';
import { Access } from '../auth/access.decorator.js';
import { ANY_STAFF } from '../auth/callers.js';
import { ApiResult } from '../openapi/api-result.decorator.js';
import { openApiSchema } from '../openapi-schema.js';
import { ZodPipe } from '../zod-pipe.js';
import {
  PARKED_MESSAGE_STATUSES,
  parkedMessageActionRequest,
  parkedMessagePageSchema,
  parkedMessageQuery,
  parkedMessageSchema,
  type ParkedMessageActionRequest,
  type ParkedMessagePage,
  type ParkedMessageQuery,
  type ParkedMessageView,
} from './parked-message.schema.js';
import { ParkedMessages } from './parked-messages.js';

const parkedMessageId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'a parked message id');

/** The service's parked messages (docs/messaging.md): every staff role reads them, billing republishes or discards. */
@ApiTags('parked messages')
@Controller('v1/parked-messages')
export class ParkedMessagesController {
  constructor(@Inject(ParkedMessages) private readonly parked: ParkedMessages) {}

  @Access({ staff: [...ANY_STAFF] })
  @Get()
  @ApiOperation({
    operationId: 'listParkedMessages',
    description:
      'Messages this service could not process, with the code and reason they were parked with and who published them; newest first, paged with ?before; total counts every match.',
    summary: 'Parked messages, newest first (?code, ?status, ?before, ?limit)',
  })
  @ApiQuery({
    name: 'code',
    required: false,
    schema: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' },
    example: 'UNKNOWN_PAYMENT',
  })
  @ApiQuery({
    name: 'status',
    required: false,
    schema: { type: 'string', enum: [...PARKED_MESSAGE_STATUSES], default: 'OPEN' },
  })
  @ApiQuery({
    name: 'before',
    required: false,
    schema: { type: 'string', pattern: '^[1-9][0-9]*$' },
    description: 'the nextBefore of the previous page',
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiResult(200, 'ParkedMessagePage', parkedMessagePageSchema, 'Parked messages, newest first')
  list(@Query(new ZodPipe(parkedMessageQuery)) q: ParkedMessageQuery): Promise<ParkedMessagePage> {
    return this.parked.list(q);
  }

  @Access({ staff: ['billing'] })
  @Post(':id/republish')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'republishParkedMessage',
    description:
      "Hands an open parked message to this service's consumer again (same checks, same handler, applied at most once) once what it needed is there; audited.",
    summary: 'Republish a parked message (billing)',
  })
  @ApiParam({ name: 'id', example: '42' })
  @ApiBody({ schema: openApiSchema(parkedMessageActionRequest) })
  @ApiResult(200, 'ParkedMessage', parkedMessageSchema, 'The message, handled and now REPUBLISHED')
  @ApiResponse({ status: 404, description: 'PARKED_MESSAGE_NOT_FOUND' })
  @ApiResponse({
    status: 409,
    description:
      'PARKED_MESSAGE_RESOLVED (republished or discarded already), PARKED_MESSAGE_FORGED (FORGED_PRODUCER: never republished), REPUBLISH_FAILED (it still fails, with its code)',
  })
  republish(
    @Param('id', new ZodPipe(parkedMessageId)) id: string,
    @Body(new ZodPipe(parkedMessageActionRequest)) body: ParkedMessageActionRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ParkedMessageView> {
    return this.parked.republish(id, body.note, actor);
  }

  @Access({ staff: ['billing'] })
  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'discardParkedMessage',
    description: 'Closes an open parked message without handling it, with the reason; the row is kept; audited.',
    summary: 'Discard a parked message (billing)',
  })
  @ApiParam({ name: 'id', example: '42' })
  @ApiBody({ schema: openApiSchema(parkedMessageActionRequest) })
  @ApiResult(200, 'ParkedMessage', parkedMessageSchema, 'The message, now DISCARDED')
  @ApiResponse({ status: 404, description: 'PARKED_MESSAGE_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'PARKED_MESSAGE_RESOLVED (republished or discarded already)' })
  discard(
    @Param('id', new ZodPipe(parkedMessageId)) id: string,
    @Body(new ZodPipe(parkedMessageActionRequest)) body: ParkedMessageActionRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ParkedMessageView> {
    return this.parked.discard(id, body.note, actor);
  }
}
