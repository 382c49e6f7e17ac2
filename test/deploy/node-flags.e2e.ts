/**
 * The service's Node.js flags are written in three places beside `node-flags.ts`: the image's
 * NODE_OPTIONS, `npm start` and `npm run demo`. They must say the same.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECOMMENDED_NODE_FLAGS } from '#application/stores/node-flags.js';

const read = (file: string) => readFileSync(join(process.cwd(), file), 'utf8');

describe("the service's node flags", () => {
  it('are the ones the image, npm start and npm run demo pass', () => {
    const flags = RECOMMENDED_NODE_FLAGS.join(' ');
    expect(read('Dockerfile')).toContain(`NODE_OPTIONS="${flags}"`);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toContain(`node ${flags} dist/apps/api/main.js`);
    expect(scripts.demo).toContain(`node ${flags} dist/apps/cli/main.js demo --serve`);
  });
});
