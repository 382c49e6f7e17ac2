import { Global, Module } from '@nestjs/common';
import { AppMetrics, createMetricsRegistry, METRICS_REGISTRY } from './metrics.js';
import { MetricsController } from './metrics.controller.js';

/** Global so that the store and projector modules can inject AppMetrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
    { provide: AppMetrics, useFactory: (registry) => new AppMetrics(registry), inject: [METRICS_REGISTRY] },
  ],
  exports: [METRICS_REGISTRY, AppMetrics],
})
export class MetricsModule {}
