import pg from 'pg';

const INVALID_CATALOG_NAME = '3D000';

/**
 * Creates the database POSTGRES_URL names when the server answers that it does not exist, so
 * that one command starts the service on a fresh local server. A role without CREATEDB (a
 * managed server, as production should be) gets the server's refusal with what to do.
 */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name))
    throw new Error(`POSTGRES_URL names database ${JSON.stringify(name)}, which does not exist`);
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    process.stderr.write(`PostgreSQL: created the database ${name}\n`);
  } catch (error) {
    // Another instance (or another store of this one) creating it at the same moment: fine. The
    // server answers 42P04 once the other has committed, 23505 while both race on its catalogue.
    const code = (error as { code?: string }).code;
    if (code === '42P04' || code === '23505') return;
    throw new Error(`POSTGRES_URL names database ${name}, which does not exist, and creating it failed: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await admin.end().catch(() => undefined);
  }
}
