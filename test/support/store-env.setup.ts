/**
 * Jest setup, before every test file: POSTGRES_URL (which CI sets to a database of the run's own)
 * moves to TEST_POSTGRES_URL, where the PostgreSQL suites look for it (libs/testing/postgres.ts).
 * Left in place, it would switch every CLI command and service a test runs in this process on a
 * DATA_DIR to PostgreSQL instead (the CLI reads the store variables from the environment).
 */
if (process.env.POSTGRES_URL) {
  process.env.TEST_POSTGRES_URL ??= process.env.POSTGRES_URL;
  delete process.env.POSTGRES_URL;
}

export {};
