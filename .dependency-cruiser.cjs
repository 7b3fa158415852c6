// The layer rules of docs/architecture.md, checked on the real import graph (`npm run lint`).
// Paths are resolved as TypeScript resolves them: the `#contracts`… aliases of package.json "imports" (their
// "types" condition, the sources) and `./x.js` specifiers that name `./x.ts`.

// Resolved paths are relative to the base dir; `(../)*` lets the same rules check a fixture cruised from a sub-folder
// (test/architecture/third-service.fixture), whose node_modules and libs are up the tree.
const UP = '^(\\.\\./)*';
// What a domain must not know: the framework, the database, the broker, and the service's own adapters.
const FRAMEWORKS =
  `${UP}node_modules/(@types/)?(@nestjs/[^/]+|typeorm|pg|amqplib|amqp-connection-manager|nestjs-pino)/|` +
  `${UP}libs/(messaging|platform)/`;

// Folders of an app that hold what its use cases share; every other folder under src/ is one use case.
// Besides domain/, persistence/ and gateways/: the back office's session and service clients (its gateways to the
// services) and the ECP certificate authority (keys, CSRs, signing) that issuing, reissuing and resealing all use.
const SHARED = '(domain|persistence|gateways)';
const SHARED_HERE = ['^apps/back-office/src/(session|services)/', '^apps/ecp-invoicing/src/certificates/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-plain-typescript',
      comment:
        'domain/ holds the business rules as plain TypeScript: no Nest, TypeORM, pg, RabbitMQ, no #platform or ' +
        '#messaging, no persistence/. Pass what it needs in; map its results in the adapters.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/domain/' },
      to: { path: [FRAMEWORKS, '^apps/[^/]+/src/persistence/'] },
    },
    {
      name: 'no-use-case-imports-another',
      comment:
        'One folder per use case, and none reaches into another: what two share moves to domain/, persistence/, ' +
        'gateways/ or the edge kit of libs/platform.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/src/([^/]+)/', pathNot: [`^apps/[^/]+/src/${SHARED}/`, ...SHARED_HERE] },
      to: { path: '^apps/$1/src/[^/]+/', pathNot: [`^apps/$1/src/${SHARED}/`, '^apps/$1/src/$2/', ...SHARED_HERE] },
    },
    {
      name: 'persistence-throws-no-http-error',
      comment:
        "persistence/ reports failures as values or plain errors; HTTP statuses are the controllers' business. " +
        "(The named import `ApiError` through the '#platform' barrel is caught by ESLint's no-restricted-imports.)",
      severity: 'error',
      from: { path: '^apps/[^/]+/src/persistence/' },
      to: { path: [`${UP}libs/platform/src/api-error\\.ts$`, `${UP}node_modules/@nestjs/common/exceptions/`] },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'A library serves every app; it cannot know one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-another',
      comment:
        'Services share only libs/ (events through libs/contracts); each owns its code and its database. ' +
        "(An app's tests may start another app to test the two together.)",
      severity: 'error',
      from: { path: '^apps/([^/]+)/src/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'back-office-reaches-services-over-http',
      comment: 'The back office reads the services over HTTP only: no database, no broker, no events.',
      severity: 'error',
      from: { path: '^apps/back-office/src/' },
      to: {
        path: [
          '^node_modules/(@types/)?(typeorm|pg|@nestjs/typeorm|amqplib|amqp-connection-manager)/',
          '^libs/(messaging|contracts)/',
        ],
      },
    },
    {
      name: 'back-office-ui-bundles-browser-code',
      comment:
        'The UI bundle holds its own code, the shared permission table (back-office/src/domain) and browser ' +
        'libraries: no Node built-ins, no #aliases, nothing else of the repository.',
      severity: 'error',
      from: { path: '^apps/back-office/ui/src/' },
      to: {
        pathNot: ['^apps/back-office/ui/src/', '^apps/back-office/src/domain/', '^node_modules/'],
      },
    },
    {
      name: 'back-office-ui-no-node-builtins',
      comment: 'The UI runs in a browser.',
      severity: 'error',
      from: { path: '^apps/back-office/ui/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'plain-libs-have-no-framework',
      comment:
        "libs/contracts, libs/money and the partners' libs/megapay-client are plain TypeScript: no framework, " +
        'and the client (published to partners) uses none of our other libs.',
      severity: 'error',
      from: { path: '^libs/(contracts|money|megapay-client)/src/' },
      to: { path: FRAMEWORKS },
    },
    {
      name: 'megapay-client-stands-alone',
      comment: 'The partners’ client ships on its own.',
      severity: 'error',
      from: { path: '^libs/megapay-client/src/' },
      to: { path: '^libs/', pathNot: '^libs/megapay-client/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing would hide from every rule above.',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|generated)/|\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      // "types" first: the package.json "imports" aliases point their types at libs/*/src/index.ts.
      conditionNames: ['types', 'import', 'node', 'default'],
      exportsFields: ['exports'],
      mainFields: ['types', 'module', 'main'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
