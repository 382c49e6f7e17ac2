/** Builds the real app (createApp) with the test ports and routes, logs off. */
import type { INestApplication } from '@nestjs/common';
import { createApp } from '#api/bootstrap.js';
import { TestRoutesModule } from './test-routes.module.js';
import { testPorts, type TestPorts } from './test-ports.js';
import { TEST_SECRET } from './tokens.js';

export interface TestApp extends TestPorts {
  app: INestApplication;
  server: ReturnType<INestApplication['getHttpServer']>;
}

export async function startTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const ports = testPorts();
  const app = await createApp({
    env: { AUTH_JWT_SECRET: TEST_SECRET, IDEMPOTENCY_DB: ':memory:', ...env },
    logger: false,
    shutdownHooks: false,
    extraModules: [ports.module, TestRoutesModule],
  });
  return { ...ports, app, server: app.getHttpServer() };
}
