import { Controller, Get, Inject } from '@nestjs/common';
import { OpenAccess } from './auth/access.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { healthSchema } from './health.schema.js';
import { ApiResult } from './openapi/api-result.decorator.js';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { BrokerConnection } from '#messaging';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(TypeOrmHealthIndicator) private readonly db: TypeOrmHealthIndicator,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(BrokerConnection) private readonly broker: BrokerConnection,
  ) {}

  @OpenAccess()
  @Get()
  @HealthCheck()
  @ApiOperation({
    operationId: 'getHealth',
    description: "Up when the service's database answers and its RabbitMQ connection is open.",
    summary: 'Liveness and readiness: database and broker',
  })
  @ApiResult(200, 'Health', healthSchema, 'The database answers and the broker connection is open')
  @ApiResult(503, 'Health', healthSchema, 'The database or the broker is down (details says which)')
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      () => {
        const broker = this.indicators.check('broker');
        return this.broker.isConnected() ? broker.up() : broker.down({ message: 'not connected to RabbitMQ' });
      },
    ]);
  }
}
