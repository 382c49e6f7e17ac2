/**
 * Builds the configured application (initialised, not listening) for `main.ts` and for
 * every end-to-end test, so tests exercise the real service: validation, error shape,
 * body limit, helmet, logs, shutdown hooks, OpenAPI at /docs and /docs-json, /metrics.
 *
 * Throws ConfigError (before anything starts) when no authentication is configured.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { reportHeapLimit } from './ops/heap-limit.js';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { formatDevTokens, mintDevTokens } from '#access/dev-tokens.js';
import { loadAppConfig, type AppConfig } from './common/app-config.js';
import { jsonOnly } from './common/json-only.middleware.js';
import { HttpDrain } from './ops/http-drain.js';
import { httpMetricsMiddleware } from './ops/http-metrics.middleware.js';
import { AppMetrics } from './ops/metrics.js';
import { documentCommonRefusals } from './ops/openapi-errors.js';
import { defaultWebDir, webAppPages } from './web/web-app.middleware.js';

export const BODY_LIMIT = '256kb';

export interface CreateAppOptions {
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Logs on (default) or off (tests). */
  logger?: boolean;
  /** Where logs go when on (default stdout); tests pass a stream to read them. */
  logDestination?: DestinationStream;
  /**
   * Feature modules and the module(s) providing the ports RESOURCE_DIRECTORY,
   * ACCESS_LOGGER, READ_POSITION_WAITER and READINESS (see app.module.ts).
   */
  extraModules?: NonNullable<ModuleMetadata['imports']>;
  /** Where AUTH_DEV prints its secret and tokens. Default stdout (not the log: tokens are secrets). */
  print?: (text: string) => void;
  /** Register SIGTERM/SIGINT handlers (default true; tests building many apps turn it off). */
  shutdownHooks?: boolean;
}

/** `Cache-Control: no-store` on every answer but the public health probe, the API docs and the web app's hashed assets. */
function noStore(req: { path?: string; url?: string }, res: { setHeader(name: string, value: string): void }, next: () => void): void {
  const path = req.path ?? req.url ?? '';
  if (path !== '/health' && !path.startsWith('/docs') && !path.startsWith('/assets/')) res.setHeader('Cache-Control', 'no-store');
  next();
}

export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const config = loadAppConfig(options.env ?? process.env);
  const logging = options.logger ?? true;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, logging, logDestination: options.logDestination, modules: options.extraModules ?? [] }),
    // abortOnError false: a failed start throws to the caller instead of exiting the process.
    { bodyParser: false, bufferLogs: true, abortOnError: false, logger: logging ? undefined : false },
  ).catch((error: unknown) => {
    throw explainMissingPort(error);
  });
  app.useLogger(app.get(Logger));
  // No upgrade-insecure-requests: TLS ends at the proxy, and over plain http (local, demo)
  // it would make browsers fetch the /docs UI's own scripts over https and fail.
  // With OIDC the web app talks to the provider itself (discovery, the code exchange): connect-src names it.
  const provider = config.auth.oidc ? new URL(config.auth.oidc.issuer).origin : null;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: null, ...(provider ? { connectSrc: ["'self'", provider] } : {}) },
      },
    }),
  );
  // The client's address behind the README's reverse proxy (rate limits count by it): TRUST_PROXY.
  if (config.trustProxy !== null) app.set('trust proxy', config.trustProxy);
  // Answers carry children's personal data: no cache, shared or private, may keep them.
  app.use(noStore);
  serveWebApp(app);
  app.use(app.get(HttpDrain).middleware());
  app.use(httpMetricsMiddleware(app.get(AppMetrics)));
  app.use(jsonOnly);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  setUpOpenApi(app);
  if (options.shutdownHooks ?? true) {
    // SIGTERM: the HTTP server stops accepting and lets in-flight requests finish, then
    // onApplicationShutdown hooks run (the store module closes the store there).
    app.enableShutdownHooks();
  }
  try {
    await warnAboutAuth(config, options.print ?? ((text) => process.stdout.write(text)));
    reportHeapLimit(config.cacheLimits);
    await app.init();
  } catch (error) {
    // A refused start (e.g. an undeclared route) must not leave databases open behind it.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

const PORT_TOKENS = ['RESOURCE_DIRECTORY', 'ACCESS_LOGGER', 'READ_POSITION_WAITER', 'READINESS'];

/** Nest's message names one missing token; say which module is expected to provide it. */
function explainMissingPort(error: unknown): unknown {
  const message = error instanceof Error ? error.message : '';
  const token = PORT_TOKENS.find((name) => message.includes(`Symbol(${name})`));
  if (!token) return error;
  return new Error(
    `${token} is not provided. The app needs ${PORT_TOKENS.join(', ')} from a @Global() module ` +
      'passed to createApp({ extraModules }) or imported by AppModule.',
    { cause: error },
  );
}

/**
 * The web app (api.md, The web app) from dist/web: its hashed assets, cacheable for a year
 * (their names change with their content), and index.html for its pages.
 */
function serveWebApp(app: NestExpressApplication): void {
  const webDir = defaultWebDir();
  if (existsSync(join(webDir, 'assets'))) {
    app.useStaticAssets(join(webDir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  }
  app.use(webAppPages(webDir));
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Skolefravær API')
      .setDescription('Follow-up of student absence: registrations, concern levels, cases, statistics.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  documentCommonRefusals(app, document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

async function warnAboutAuth(config: AppConfig, print: (text: string) => void): Promise<void> {
  const logger = new NestLogger('Authentication');
  const { hs256, dev } = config.auth;
  if (dev && hs256) {
    const tokens = await mintDevTokens(hs256.secret, {
      municipality: config.devMunicipality,
      schools: config.devSchools,
      groups: config.devGroups,
    });
    print(formatDevTokens(hs256.secret, tokens, hs256.generated));
    logger.warn('AUTH_DEV=1: development authentication is ON; tokens were printed to stdout. Not for production.');
  }
  if (hs256 && !hs256.generated && Buffer.byteLength(hs256.secret) < 32) {
    logger.warn('AUTH_JWT_SECRET is shorter than 32 bytes; HS256 secrets that short can be brute-forced.');
  }
  logger.log({ mode: config.authMode, dev }, 'authentication');
}
