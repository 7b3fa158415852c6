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
import { formatSom } from '#money';
import { registeredOrganizationSchema, type RegisteredOrganization } from './registered-organization.schema.js';
import { registerOrganizationRequest, type RegisterOrganizationRequest } from './register-organization.request.js';

@ApiTags('СОЧИ organizations')
@Controller('v1/sochi/organizations')
export class RegisterOrganizationController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ partners: ['sochi-reports'] })
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'registerOrganization',
    description:
      'Opens a СОЧИ balance (zero) for an organization or entrepreneur, so that payments to its INN are credited.',
    summary: 'Register an organization by INN with a zero СОЧИ balance',
  })
  @ApiBody({ schema: openApiSchema(registerOrganizationRequest) })
  @ApiResult(201, 'RegisteredOrganization', registeredOrganizationSchema, 'Registered')
  @ApiResponse({ status: 409, description: 'ORGANIZATION_EXISTS' })
  async register(
    @Body(new ZodPipe(registerOrganizationRequest)) body: RegisterOrganizationRequest,
    @CurrentActor() actor: Actor,
  ): Promise<RegisteredOrganization> {
    const now = this.clock.now();
    const rows = await this.db.transaction(async (tx) => {
      const created: Record<string, any>[] = await tx.query(
        `INSERT INTO organizations (inn, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (inn) DO NOTHING RETURNING created_at`,
        [body.inn, body.name, now],
      );
      if (created.length === 1)
        await recordAudit(
          tx,
          actor,
          {
            action: 'organization.registered',
            subject: `organization:${body.inn}`,
            before: null,
            after: { name: body.name },
          },
          now,
        );
      return created;
    });
    if (rows.length === 0)
      throw new ApiError(409, 'ORGANIZATION_EXISTS', `an organization with INN ${body.inn} is already registered`);
    return { inn: body.inn, name: body.name, balance: formatSom(0n), createdAt: rows[0].created_at };
  }
}
