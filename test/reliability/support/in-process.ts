/** The whole service (createService: real stores, projector, saga, routes) in this process, listening on 127.0.0.1. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createService } from '#api/service/create-service.js';
import { TEST_SECRET, TODAY } from './http.js';

export interface InProcessService {
  app: INestApplication;
  server: ReturnType<INestApplication['getHttpServer']>;
  baseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startInProcess(env: NodeJS.ProcessEnv = {}): Promise<InProcessService> {
  // The Clock reads CLOCK_TODAY from process.env (store.module.ts), not from the env handed in.
  process.env.CLOCK_TODAY = TODAY;
  const dataDir = mkdtempSync(join(tmpdir(), 'reliability-inproc-'));
  const app = await createService({
    env: {
      AUTH_JWT_SECRET: TEST_SECRET,
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
      ...env,
    },
    // RELIABILITY_LOGS=1 shows the service's logs (errors carry their stack frames there).
    logger: process.env.RELIABILITY_LOGS === '1',
    shutdownHooks: false,
  });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  const { port } = server.address() as { port: number };
  return {
    app,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
