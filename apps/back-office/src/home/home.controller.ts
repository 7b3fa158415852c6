import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { bishkekWallClock } from '#money';
import { CLOCK, type Clock } from '#platform';
import { BACKEND_SERVICES } from '../domain/forwarding-rules.js';
import { ServiceApi, type ServiceRead } from '../services/service-api.js';
import { SignedInGuard, Staff } from '../session/signed-in.guard.js';
import type { StaffSession } from '../session/staff-session.js';

const valueOrNull = <T>(read: ServiceRead<T>): T | null => (read.ok ? read.value : null);
const totalOf = (read: ServiceRead<{ total?: number; items?: unknown[] }>): number | null =>
  read.ok ? (read.value.total ?? read.value.items?.length ?? 0) : null;

/**
 * The home page in one call: today's totals (a Bishkek day), payments per hour for the last 24 h, and the trouble
 * counts (stuck payments, parked messages per service). A part a service cannot give is null.
 */
@Controller('api/home')
@UseGuards(SignedInGuard)
export class HomeController {
  constructor(
    private readonly services: ServiceApi,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async home(@Staff() staff: StaffSession) {
    const date = bishkekWallClock(this.clock.now()).date;
    const [summary, perHour, stuck, ...parked] = await Promise.all([
      this.services.read<unknown>('payment-router', `/v1/payments/summary?date=${date}`, staff.token),
      this.services.read<unknown>('payment-router', '/v1/payments/per-hour?hours=24', staff.token),
      this.services.read<{ total: number }>('payment-router', '/v1/payments?stuck=true&pageSize=1', staff.token),
      ...BACKEND_SERVICES.map((s) =>
        this.services.read<{ total?: number; items?: unknown[] }>(s, '/v1/parked-messages?limit=1', staff.token),
      ),
    ]);
    return {
      date,
      summary: valueOrNull(summary),
      perHour: valueOrNull(perHour),
      trouble: {
        stuck: totalOf(stuck),
        parked: Object.fromEntries(BACKEND_SERVICES.map((s, i) => [s, totalOf(parked[i])])),
      },
    };
  }
}
