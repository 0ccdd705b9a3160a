/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "<rootDir>/test/support/federation-environment.ts",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Integration suites start real stores (PostgreSQL + DocumentDB), subgraphs and the gateway; most share
  // one federation (test/support/federation-pool.ts), so suites run one at a time, in a fixed order.
  maxWorkers: 1,
  testSequencer: "<rootDir>/test/support/sequencer.js",
  testTimeout: 60_000,
  setupFiles: ["reflect-metadata"],
  // The aliases of the shared package and the registry: package.json "imports" at run time, tsconfig "paths"
  // for the compiler, and this mapping for the suites. The global setup and the test environment are loaded
  // by Node without it, so there the aliases resolve into dist/: `npm test` builds first.
  moduleNameMapper: {
    "^#core$": "<rootDir>/packages/core/src/index.ts",
    "^#core/edge$": "<rootDir>/packages/core/src/edge.ts",
    "^#core/tracing$": "<rootDir>/packages/core/src/tracing.ts",
    "^#schema/(.*)$": "<rootDir>/schema/$1",
  },
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
};
