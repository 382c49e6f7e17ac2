import { Command, CommandRunner, Option } from 'nest-commander';
import { loadDemo } from '../demo/load-demo.js';
import { serveDemo } from '../demo/serve-demo.js';
import { storeSettings } from '../cli-stores.js';
import { progressBar } from '../progress.js';

interface DemoCommandOptions {
  force?: boolean;
  students?: number;
  serve?: boolean;
}

@Command({
  name: 'demo',
  description:
    'Load a demo municipality (5 schools, a few hundred students, this school year up to today) into DATA_DIR and print a token per role',
})
export class DemoCommand extends CommandRunner {
  async run(_: string[], options: DemoCommandOptions): Promise<void> {
    if (options.serve) {
      const bar = progressBar('streams');
      const print = (text: string): void => {
        bar.stop();
        process.stdout.write(text);
      };
      process.exitCode = await serveDemo({
        settings: storeSettings(),
        port: process.env.PORT?.trim() || '3000',
        print,
        onProgress: (done, total) => bar.update(done, total),
      });
      return;
    }
    const bar = progressBar('streams');
    const secret = process.env.AUTH_JWT_SECRET?.trim();
    try {
      const result = await loadDemo({
        settings: storeSettings(),
        force: options.force ?? false,
        ...(options.students ? { students: options.students } : {}),
        ...(secret ? { secret } : {}),
        ...(process.env.PORT ? { port: process.env.PORT } : {}),
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.stop();
      process.stdout.write(result.text);
    } finally {
      bar.stop();
    }
  }

  @Option({ flags: '--serve', description: 'load the demo when DATA_DIR is empty, then run the service on it (npm run demo)' })
  parseServe(): boolean {
    return true;
  }

  @Option({ flags: '--force', description: 'delete the embedded store in DATA_DIR first when it already holds events' })
  parseForce(): boolean {
    return true;
  }

  @Option({ flags: '--students <n>', description: 'number of students (default 300)' })
  parseStudents(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 5) throw new Error(`--students must be a whole number of at least 5, got ${value}`);
    return n;
  }
}
