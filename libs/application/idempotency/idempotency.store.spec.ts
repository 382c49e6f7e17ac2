import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchemas, freshName, postgresReachable, sayPostgresSkipped, TEST_POSTGRES_URL } from '#testing/postgres.js';
import { canonicalJson } from './canonical-json.js';
import { idempotencyStoreContract } from './idempotency.contract.js';
import type { IdempotencyStore } from './idempotency.store.js';
import { PostgresIdempotencyStore } from './postgres-idempotency.store.js';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const paths = new WeakMap<IdempotencyStore, string>();

idempotencyStoreContract('SQLite file', {
  open: async (now) => {
    const dir = mkdtempSync(join(tmpdir(), 'idem-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'idempotency.sqlite');
    const store = new SqliteIdempotencyStore(path, now);
    paths.set(store, path);
    return store;
  },
  // The process restarts on the same file.
  afterCrash: async (store) => {
    await store.close();
    return new SqliteIdempotencyStore(paths.get(store)!);
  },
});

const url = TEST_POSTGRES_URL;
const schemas = new WeakMap<IdempotencyStore, string>();
const created: string[] = [];

if (await postgresReachable()) {
  afterAll(() => dropSchemas(created));
  idempotencyStoreContract('PostgreSQL', {
    open: async (now) => {
      const schema = freshName('idem');
      created.push(schema);
      const store = new PostgresIdempotencyStore({ connectionString: url, schema, ...(now ? { now } : {}) });
      schemas.set(store, schema);
      return store;
    },
    // Closing ends the instance's session, as its death would; the retry comes through another instance.
    afterCrash: async (store) => {
      await store.close();
      return new PostgresIdempotencyStore({ connectionString: url, schema: schemas.get(store)! });
    },
  });
  it('shares keys between live instances: a key running on one is pending on the other, then replayed there', async () => {
    const schema = freshName('idem');
    created.push(schema);
    const one = new PostgresIdempotencyStore({ connectionString: url, schema });
    const two = new PostgresIdempotencyStore({ connectionString: url, schema });
    try {
      expect(await one.begin('u1', 'k', 'h1')).toEqual({ kind: 'new', orphan: false });
      expect(await two.begin('u1', 'k', 'h1')).toEqual({ kind: 'pending' });
      await one.complete('u1', 'k', { status: 201, body: { ok: true }, headers: {} });
      expect(await two.begin('u1', 'k', 'h1')).toEqual({ kind: 'replay', response: { status: 201, body: { ok: true }, headers: {} } });
    } finally {
      await one.close();
      await two.close();
    }
  });
} else {
  sayPostgresSkipped('PostgresIdempotencyStore contract');
  describe.skip('PostgresIdempotencyStore (skipped: no PostgreSQL reachable)', () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}

describe('canonicalJson', () => {
  it('ignores key order and undefined members, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe(canonicalJson({ a: { d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson(undefined)).toBe('');
  });
});
