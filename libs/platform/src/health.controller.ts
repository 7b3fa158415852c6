import { Controller, Get, Inject } from '@nestjs/common';
import { OpenAccess } from './auth/access.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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

  /** Up when the service's database answers and its RabbitMQ connection is open. */
  @OpenAccess()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: database and broker' })
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
