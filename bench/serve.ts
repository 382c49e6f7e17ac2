/**
 * The service as `apps/api/main.ts` starts it (createService, shutdown hooks, logging on),
 * bound to 127.0.0.1 only: the benchmark serves generated data and should not be reachable
 * from outside. Configured by the environment like main.ts (AUTH_JWT_SECRET, PORT, DATA_DIR,
 * CLOCK_TODAY, RATE_LIMIT_PER_MINUTE). Prints `listening <port>` on stderr when ready.
 */
import { AppConfig } from '#api/common/app-config.js';
import { createService } from '#api/service/create-service.js';

const app = await createService();
await app.listen(app.get(AppConfig).port, '127.0.0.1');
process.stderr.write(`listening ${app.get(AppConfig).port}\n`);
