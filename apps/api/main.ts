// Files the service creates in DATA_DIR (events, read models, keys) are readable by its owner only.
process.umask(0o077);
import { AppConfig, ConfigError } from './common/app-config.js';
import { createService } from './service/create-service.js';

try {
  const app = await createService();
  await app.listen(app.get(AppConfig).port);
} catch (error) {
  if (error instanceof ConfigError) {
    // A configuration mistake: say what to set, without a stack trace in the way.
    process.stderr.write(`Refusing to start: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
