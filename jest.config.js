/** One jest run covers the server, the client's pure modules and the browser tests. */
const tsJest = tsconfig => ['ts-jest', { tsconfig, diagnostics: false }];

module.exports = {
  testTimeout: 30000,
  // Longest suites first (test/support/sequencer.js): a clean clone has no durations from an earlier run.
  testSequencer: '<rootDir>/test/support/sequencer.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/server'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest('<rootDir>/server/tsconfig.json') },
      globalSetup: '<rootDir>/test/server/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/server/support/global-teardown.ts',
    },
    {
      displayName: 'client',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/client'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest('<rootDir>/test/client/tsconfig.json') },
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/test/client/support/taro-stub.ts',
        '^@/(.*)$': '<rootDir>/src/$1',
        '^@contract/(.*)$': '<rootDir>/server/src/contract/$1',
      },
    },
    {
      displayName: 'e2e',
      testEnvironment: '<rootDir>/test/e2e/support/environment.js',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.ts'],
      transform: { '^.+\\.ts$': tsJest('<rootDir>/server/tsconfig.json') },
    },
  ],
};
