// Native ESM mode: NestJS 12 is ESM-only (run with NODE_OPTIONS=--experimental-vm-modules).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/*.spec.ts', '**/*.e2e.ts'],
  moduleNameMapper: {
    '^#(domain|application|event-store|read-models|audit|access|demo|testing)/(.*)\\.js$': '<rootDir>/libs/$1/$2',
    '^#(api|cli)/(.*)\\.js$': '<rootDir>/apps/$1/$2',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 30000,
  // POSTGRES_URL is for the PostgreSQL suites only (test/support/store-env.setup.ts).
  setupFiles: ['<rootDir>/test/support/store-env.setup.ts'],
};
