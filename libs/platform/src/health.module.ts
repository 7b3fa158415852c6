import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditController } from './audit/audit.controller.js';
import { HealthController } from './health.controller.js';

/** What every service serves beside its own API: /health, and its audit trail for auditors. */
@Module({ imports: [TerminusModule], controllers: [HealthController, AuditController] })
export class HealthModule {}
