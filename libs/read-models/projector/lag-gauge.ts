import { Gauge, type Registry } from 'prom-client';

export const LAG_GAUGE_NAME = 'projection_lag_events';

/**
 * Registers `projection_lag_events{projection}` in `registry`. The value is computed when the
 * registry is scraped (head position minus the serving generation's checkpoint), so it costs
 * nothing between scrapes and is never stale.
 */
export function registerLagGauge(source: { lags(): Promise<Record<string, number>> }, registry: Registry): Gauge<'projection'> {
  return new Gauge({
    name: LAG_GAUGE_NAME,
    help: 'Events in $all not yet processed by the serving generation of each projection',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      const lags = await source.lags();
      for (const [projection, lag] of Object.entries(lags)) this.set({ projection }, lag);
    },
  });
}
