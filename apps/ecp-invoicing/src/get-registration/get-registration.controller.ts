import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, ANY_STAFF, ApiError, ApiResult, CLOCK, ZodPipe, type Clock } from '#platform';
import { registrationIdParam } from './registration-id.param.js';
import { registrationSchema, registrationView } from './registration-view.js';

@ApiTags('ЭЦП registrations')
@Controller('v1/ecp/registrations')
export class GetRegistrationController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ partners: ['ecp-registration'], staff: ANY_STAFF })
  @Get(':id')
  @ApiOperation({
    operationId: 'getRegistration',
    description:
      'The registration (the identity its certificate carries), its product, and every invoice issued for it (staff).',
    summary: 'An ЭЦП registration with its invoices, oldest first',
  })
  @ApiParam({ name: 'id', description: 'the registration id (UUID)', schema: { type: 'string', format: 'uuid' } })
  @ApiResult(200, 'Registration', registrationSchema, 'The registration with its invoices')
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED (INVALID_REGISTRATION_ID)' })
  @ApiResponse({ status: 404, description: 'REGISTRATION_NOT_FOUND' })
  async get(@Param('id', new ZodPipe(registrationIdParam, 'id')) id: string) {
    const view = await registrationView(this.db, id, this.clock.now());
    if (!view) throw new ApiError(404, 'REGISTRATION_NOT_FOUND', `no registration ${id}`);
    return view;
  }
}
