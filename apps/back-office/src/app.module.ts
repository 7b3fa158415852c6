import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CLOCK, httpLoggerOptions, SystemClock } from '#platform';
import { BACK_OFFICE_CONFIG, type BackOfficeConfig } from './back-office.config.js';
import { ForwardController } from './forward/forward.controller.js';
import { HealthController } from './health.controller.js';
import { HomeController } from './home/home.controller.js';
import { PaymentStoryController } from './payment-story/payment-story.controller.js';
import { ServiceApi } from './services/service-api.js';
import { SignedInGuard } from './session/signed-in.guard.js';
import { SessionSealer } from './session/staff-session.js';
import { OidcSignIn } from './sign-in/oidc-sign-in.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { StatementCsvController } from './statement-csv/statement-csv.controller.js';

/** The back office's backend-for-frontend: sign-in, the session, and the services' APIs as the signed-in member of staff. */
@Module({})
export class AppModule {
  static forRoot(config: BackOfficeConfig): DynamicModule {
    const clock = new SystemClock(config.CLOCK_OFFSET_MS);
    return {
      module: AppModule,
      imports: [LoggerModule.forRoot({ pinoHttp: httpLoggerOptions('back-office', config.LOG_LEVEL) })],
      controllers: [
        HealthController,
        SignInController,
        HomeController,
        PaymentStoryController,
        StatementCsvController,
        ForwardController,
      ],
      providers: [
        { provide: BACK_OFFICE_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: SessionSealer, useValue: new SessionSealer(config.SESSION_SECRET, clock) },
        ServiceApi,
        OidcSignIn,
        SignedInGuard,
      ],
    };
  }
}
