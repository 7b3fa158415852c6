// Jest runs the ESM build of NestJS 12, so tests run as native ESM (NODE_OPTIONS=--experimental-vm-modules),
// transpiled by SWC with legacy decorators and their metadata. Type checking is `npm run typecheck`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const tier = (name, match, extra = {}) => ({
  displayName: name,
  rootDir: import.meta.dirname,
  testMatch: match,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^#(contracts|messaging|platform|money|megapay-client|telemetry)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  ...extra,
});

const slow = { setupFilesAfterEnv: ['<rootDir>/test/support/slow-tier.setup.ts'] };

export default {
  projects: [
    tier('unit', [
      '<rootDir>/apps/*/src/**/*.spec.ts',
      '<rootDir>/apps/*/ui/src/**/*.spec.ts',
      '<rootDir>/libs/*/src/**/*.spec.ts',
      '<rootDir>/test/architecture/*.spec.ts',
    ]),
    tier('int', ['<rootDir>/apps/*/test/**/*.int-spec.ts', '<rootDir>/libs/*/test/**/*.int-spec.ts'], slow),
    tier('e2e', ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], slow),
    tier('calendar', ['<rootDir>/test/calendar/**/*.calendar-spec.ts'], slow),
    // The back office in Debian's Chromium against the running system (needs npm run build: services and UI from dist/).
    tier('browser', ['<rootDir>/test/browser/**/*.browser-spec.ts'], slow),
    tier('faults', ['<rootDir>/test/faults/**/*.faults-spec.ts'], slow),
    tier('soak', ['<rootDir>/test/soak/**/*.soak-spec.ts'], slow),
    tier('restore', ['<rootDir>/test/restore/**/*.restore-spec.ts'], slow),
    // Node loss on the loopback RabbitMQ cluster and Patroni PostgreSQL (npm run test:cluster brings them up).
    tier('cluster', ['<rootDir>/test/cluster/**/*.cluster-spec.ts'], slow),
    // Contracts: consumers write pacts/, then producers verify them (two projects, run in this order).
    tier(
      'contract-consumer',
      [
        '<rootDir>/apps/*/test/contracts/*.consumer.pact-spec.ts',
        '<rootDir>/test/contract/megapay/*.consumer.pact-spec.ts',
      ],
      slow,
    ),
    tier(
      'contract-provider',
      ['<rootDir>/apps/*/test/contracts/*.provider.pact-spec.ts', '<rootDir>/test/contract/**/*.contract-spec.ts'],
      slow,
    ),
  ],
};
