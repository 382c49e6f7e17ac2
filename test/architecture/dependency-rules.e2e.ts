/**
 * Each dependency rule of .dependency-cruiser.cjs fails on a deliberate violation: files that
 * break one rule each are written into the tree for the length of the test (names starting
 * `zz-violation-`, removed afterwards), and dependency-cruiser, run as `npm run lint` runs it,
 * must name every rule. The tree itself passes (`npm run lint`, in CI).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = process.cwd();
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** file → its source, and the rule it must break. */
const VIOLATIONS: { file: string; source: string; rule: string }[] = [
  {
    file: 'libs/domain/zz-violation-node.ts',
    source: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    rule: 'domain-no-node-builtins',
  },
  { file: 'libs/domain/zz-violation-lib.ts', source: "export { hashEvent } from '#event-store/hash.js';\n", rule: 'domain-is-pure' },
  {
    file: 'libs/application/zz-violation-app.ts',
    source: "export { createApp } from '../../apps/api/bootstrap.js';\n",
    rule: 'no-lib-imports-an-app',
  },
  { file: 'apps/cli/zz-violation-api.ts', source: "export { createApp } from '#api/bootstrap.js';\n", rule: 'cli-does-not-import-api' },
  { file: 'apps/api/zz-violation-cli.ts', source: "export { progressBar } from '#cli/progress.js';\n", rule: 'api-does-not-import-cli' },
  {
    file: 'apps/web/src/zz-violation-api.ts',
    source: "export { createApp } from '../../api/bootstrap.js';\n",
    rule: 'web-talks-http-only',
  },
  { file: 'apps/api/zz-violation-web.ts', source: "export { api } from '../web/src/api/client.js';\n", rule: 'nothing-imports-web' },
  { file: 'apps/api/zz-violation-bench.ts', source: "export { median } from '../../bench/support.js';\n", rule: 'nothing-imports-bench' },
  {
    file: 'libs/audit/zz-violation-test.ts',
    source: "export { buildPackageJson } from '../../test/support/build-package-json.js';\n",
    rule: 'nothing-imports-test',
  },
  {
    file: 'apps/api/zz-violation-testing.ts',
    source: "export { weekdays } from '#testing/read-models/municipality.fixtures.js';\n",
    rule: 'testing-only-from-tests',
  },
  {
    file: 'apps/api/zz-violation-demo.ts',
    source: "export { seededRandom } from '#demo/random.js';\n",
    rule: 'demo-only-from-cli-bench-tests',
  },
  {
    file: 'libs/read-models/zz-violation-application.ts',
    source: "export { Clock } from '#application/clock.js';\n",
    rule: 'application-below-the-apps',
  },
  {
    file: 'libs/read-models/zz-violation-audit.ts',
    source: "export { verifyChain } from '#audit/verify-chain.js';\n",
    rule: 'read-models-and-audit-apart',
  },
  {
    file: 'libs/audit/zz-violation-read-models.ts',
    source: "export { STUDENT_ABSENCE } from '#read-models/projections/student-absence/student-absence.documents.js';\n",
    rule: 'audit-and-read-models-apart',
  },
  {
    file: 'libs/event-store/zz-violation-port.ts',
    source: "export { DOCUMENT_STORE } from '#read-models/document-store.port.js';\n",
    rule: 'event-store-is-a-port',
  },
  {
    file: 'apps/api/zz-violation-adapter.ts',
    source: "export { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';\n",
    rule: 'only-the-port-of-another-lib',
  },
  {
    file: 'libs/read-models/zz-violation-adapter.ts',
    source: "export { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';\n",
    rule: 'read-models-use-the-event-store-port',
  },
  {
    file: 'libs/access/zz-violation-cycle-a.ts',
    source: "import { b } from './zz-violation-cycle-b.js';\nexport const a = (): number => b() + 1;\n",
    rule: 'no-circular',
  },
  // The other end of the cycle: the rule is reported once, from either end.
  {
    file: 'libs/access/zz-violation-cycle-b.ts',
    source: "import { a } from './zz-violation-cycle-a.js';\nexport const b = (): number => a() - 1;\n",
    rule: '',
  },
  { file: 'libs/access/zz-violation-missing.ts', source: "export { nothing } from './no-such-file.js';\n", rule: 'not-to-unresolvable' },
];

interface Violation {
  rule: { name: string };
  from: string;
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  let violations: Violation[] = [];

  beforeAll(() => {
    for (const v of VIOLATIONS) {
      mkdirSync(dirname(join(ROOT, v.file)), { recursive: true });
      writeFileSync(join(ROOT, v.file), v.source);
    }
    try {
      const run = spawnSync(
        process.execPath,
        [DEPCRUISE, ...VIOLATIONS.map((v) => v.file), '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      violations = (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
    } finally {
      for (const v of VIOLATIONS) rmSync(join(ROOT, v.file), { force: true });
    }
  }, 60_000);

  afterAll(() => {
    for (const v of VIOLATIONS) rmSync(join(ROOT, v.file), { force: true });
  });

  it.each(VIOLATIONS.filter((v) => v.rule).map((v) => [v.rule, v.file]))('%s fails on %s', (rule, file) => {
    expect(violations.filter((v) => v.rule.name === rule).map((v) => v.from)).toContain(file);
  });

  it('finds nothing wrong in the real files those import', () => {
    expect(violations.filter((v) => !VIOLATIONS.some((x) => x.file === v.from))).toEqual([]);
  });
});
