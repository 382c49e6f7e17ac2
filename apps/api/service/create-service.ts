import type { INestApplication } from '@nestjs/common';
import { createApp, type CreateAppOptions } from '../bootstrap.js';
import { StoreModule } from '../store/store.module.js';
import { FeaturesModule } from './features.module.js';
import { PortsModule } from './ports.module.js';

/** The whole service: the cross-cutting app with the stores, the ports and every route. `main.ts` and the e2e tests use it. */
export function createService(options: Omit<CreateAppOptions, 'extraModules'> = {}): Promise<INestApplication> {
  return createApp({ ...options, extraModules: [StoreModule, PortsModule, FeaturesModule] });
}
