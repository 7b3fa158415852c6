import { Controller, Get } from '@nestjs/common';

/** Liveness: the BFF holds no state; each screen says itself when a service does not answer. */
@Controller('health')
export class HealthController {
  @Get()
  health() {
    return { status: 'ok' };
  }
}
