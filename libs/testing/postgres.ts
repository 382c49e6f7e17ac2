/**
 * The PostgreSQL server the tests use: POSTGRES_URL (CI creates a fresh database and sets it;
 * jest's setup moves it to TEST_POSTGRES_URL, test/support/store-env.setup.ts), else the local
 * server these machines run. Suites that need it ask `postgresReachable()` and
 * register as skipped, saying so, when it does not answer.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const TEST_POSTGRES_URL =
  process.env['TEST_POSTGRES_URL'] || process.env['POSTGRES_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(url = TEST_POSTGRES_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One statement (or several, separated by `;`) on its own connection. */
export async function postgresAdmin(sql: string, url = TEST_POSTGRES_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A name for a schema or database of a test's own (a plain identifier). */
export function freshName(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export async function dropSchemas(schemas: readonly string[], url = TEST_POSTGRES_URL): Promise<void> {
  if (schemas.length > 0) await postgresAdmin(schemas.map((s) => `DROP SCHEMA IF EXISTS "${s}" CASCADE`).join('; '), url);
}

/** Says, once per suite, that it was skipped and why. */
export function sayPostgresSkipped(what: string, url = TEST_POSTGRES_URL): void {
  process.stdout.write(`${what} SKIPPED: no PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//…@')}\n`);
}
