/**
 * The application's root. The cross-cutting pieces are wired here; feature modules and
 * the module providing the four ports (RESOURCE_DIRECTORY, ACCESS_LOGGER,
 * READ_POSITION_WAITER, READINESS) are added through `modules` (see bootstrap.ts). The
 * ports are required: without them the app does not start, rather than run unguarded.
 *
 * Global guards run in the order they are listed below, and the order matters:
 * authenticate (401) → rate limit per token (429) → wait for X-Min-Position (400/503)
 * → decide access (403/404, access log). Then interceptors: Idempotency-Key (outer, so it
 * stores what PositionInterceptor produced) → X-Position.
 */
import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AccessGuard } from './auth/access.guard.js';
import { AuthenticationGuard } from './auth/authentication.guard.js';
import { RouteDeclarationsCheck } from './auth/route-declarations.check.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { AppConfig } from './common/app-config.js';
import { AppConfigModule } from './common/app-config.module.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { IdempotencyInterceptor } from './common/idempotency.interceptor.js';
import { IdempotencyStore } from '#application/idempotency/idempotency.store.js';
import { openIdempotencyStore } from '#application/stores/open-stores.js';
import { MinPositionGuard } from './common/min-position.guard.js';
import { PositionInterceptor } from './common/position.interceptor.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { AccessLogInterceptor } from './auth/access-log.interceptor.js';
import { HealthController } from './health/health.controller.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { HttpDrain } from './ops/http-drain.js';
import { loggingParams } from './ops/logging.js';
import { MetricsModule } from './ops/metrics.module.js';
import { RateLimitGuard } from './ops/rate-limit.guard.js';
import { RateLimiter } from './ops/rate-limiter.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** Request logs on (default) or silent (tests). */
  logging: boolean;
  /** Where logs go (default stdout); tests read them back. */
  logDestination?: DestinationStream;
  /** Feature modules and the port-providing module. */
  modules: NonNullable<ModuleMetadata['imports']>;
}

@Module({})
export class AppModule {
  static forRoot({ config, logging, logDestination, modules }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(logging, logDestination)),
        DiscoveryModule,
        CqrsModule.forRoot(),
        MetricsModule,
        ...modules,
      ],
      controllers: [HealthController, SignInController],
      providers: [
        TokenVerifier,
        RateLimiter,
        HttpDrain,
        RouteDeclarationsCheck,
        {
          provide: IdempotencyStore,
          useFactory: (appConfig: AppConfig) => openIdempotencyStore(appConfig),
          inject: [AppConfig],
        },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: MinPositionGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: PositionInterceptor },
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
