/**
 * Graceful shutdown (what SIGTERM triggers through enableShutdownHooks): a request in
 * flight when closing starts still gets its answer, and only then do the modules'
 * onApplicationShutdown hooks run, where the store module closes the store.
 */
import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Injectable, Module, Res, type OnApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '#api/bootstrap.js';
import { Requires } from '#api/auth/requires.decorator.js';
import { testPorts } from './support/test-ports.js';
import { claimsFor, signToken, TEST_SECRET } from './support/tokens.js';

const events: string[] = [];
let started!: () => void;
const handlerStarted = new Promise<void>((resolve) => (started = resolve));
let finish!: () => void;
const mayFinish = new Promise<void>((resolve) => (finish = resolve));

@Controller('slow')
class SlowController {
  @Get()
  @Requires('plans:read')
  async slow(@Res({ passthrough: true }) res: ServerResponse) {
    res.on('finish', () => events.push('response sent'));
    started();
    await mayFinish;
    events.push('handler finished');
    return { done: true };
  }
}

@Injectable()
class StoreStandIn implements OnApplicationShutdown {
  onApplicationShutdown() {
    events.push('store closed');
  }
}

@Module({ controllers: [SlowController], providers: [StoreStandIn] })
class SlowModule {}

describe('shutdown', () => {
  it('lets the in-flight request finish before onApplicationShutdown runs', async () => {
    const app = await createApp({
      env: { AUTH_JWT_SECRET: TEST_SECRET, IDEMPOTENCY_DB: ':memory:' },
      logger: false,
      shutdownHooks: false,
      extraModules: [testPorts().module, SlowModule],
    });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const token = await signToken(TEST_SECRET, claimsFor(['teacher']));
    const response = fetch(`http://127.0.0.1:${port}/slow`, { headers: { Authorization: `Bearer ${token}` } }).then(async (res) => ({
      status: res.status,
      body: await res.json(),
    }));
    await handlerStarted;
    const closeStartedAt = Date.now();
    const closing = app.close();
    setTimeout(finish, 100);
    expect(await response).toEqual({ status: 200, body: { done: true } });
    await closing;
    // Promptly: the keep-alive connection was told to close, not left to time out (5 s).
    expect(Date.now() - closeStartedAt).toBeLessThan(2000);
    expect(events).toEqual(['handler finished', 'response sent', 'store closed']);
  });
});
