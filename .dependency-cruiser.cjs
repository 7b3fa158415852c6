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
const SHARED = '(domain|persistence|gateways|observability|http)';
const SHARED_HERE = ['^apps/back-office/src/(session|services)/', '^apps/ecp-invoicing/src/certificates/'];

/** A rule that fails the lint: its name, why it holds, and which imports break it. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid(
      'domain-is-plain-typescript',
      'domain/ holds the business rules as plain TypeScript: no Nest, TypeORM, pg, RabbitMQ, no #platform or ' +
        '#messaging, no persistence/. Pass what it needs in; map its results in the adapters.',
      { path: '^apps/[^/]+/src/domain/' },
      { path: [FRAMEWORKS, '^apps/[^/]+/src/persistence/'] },
    ),
    forbid(
      'no-use-case-imports-another',
      'One folder per use case, and none reaches into another: what two share moves to domain/, persistence/, ' +
        'gateways/ or the edge kit of libs/platform.',
      { path: '^apps/([^/]+)/src/([^/]+)/', pathNot: [`^apps/[^/]+/src/${SHARED}/`, ...SHARED_HERE] },
      { path: '^apps/$1/src/[^/]+/', pathNot: [`^apps/$1/src/${SHARED}/`, '^apps/$1/src/$2/', ...SHARED_HERE] },
    ),
    forbid(
      'persistence-throws-no-http-error',
      "persistence/ reports failures as values or plain errors; HTTP statuses are the controllers' business. " +
        "(The named import `ApiError` through the '#platform' barrel is caught by ESLint's no-restricted-imports.)",
      { path: '^apps/[^/]+/src/persistence/' },
      { path: [`${UP}libs/platform/src/api-error\\.ts$`, `${UP}node_modules/@nestjs/common/exceptions/`] },
    ),
    forbid(
      'libs-never-import-apps',
      'A library serves every app; it cannot know one.',
      { path: '^libs/' },
      { path: '^apps/' },
    ),
    forbid(
      'no-app-imports-another',
      'Services share only libs/ (events through libs/contracts); each owns its code and its database. ' +
        "(An app's tests may start another app to test the two together.)",
      { path: '^apps/([^/]+)/src/' },
      { path: '^apps/', pathNot: '^apps/$1/' },
    ),
    forbid(
      'back-office-reaches-services-over-http',
      'The back office reads the services over HTTP only: no database, no broker, no events.',
      { path: '^apps/back-office/src/' },
      {
        path: [
          '^node_modules/(@types/)?(typeorm|pg|@nestjs/typeorm|amqplib|amqp-connection-manager)/',
          '^libs/(messaging|contracts)/',
        ],
      },
    ),
    forbid(
      'back-office-ui-bundles-browser-code',
      'The UI bundle holds its own code, the shared permission table (back-office/src/domain) and browser ' +
        'libraries: no Node built-ins, no #aliases, nothing else of the repository.',
      { path: '^apps/back-office/ui/src/' },
      {
        pathNot: ['^apps/back-office/ui/src/', '^apps/back-office/src/domain/', '^node_modules/'],
      },
    ),
    forbid(
      'back-office-ui-no-node-builtins',
      'The UI runs in a browser.',
      { path: '^apps/back-office/ui/src/' },
      { dependencyTypes: ['core'] },
    ),
    forbid(
      'plain-libs-have-no-framework',
      "libs/contracts, libs/money and the partners' libs/megapay-client are plain TypeScript: no framework.",
      { path: '^libs/(contracts|money|megapay-client)/src/' },
      { path: FRAMEWORKS },
    ),
    forbid(
      'megapay-client-stands-alone',
      'The partners’ client ships on its own.',
      { path: '^libs/megapay-client/src/' },
      { path: '^libs/', pathNot: '^libs/megapay-client/' },
    ),
    forbid(
      'not-to-unresolvable',
      'An import that resolves to nothing would hide from every rule above.',
      { path: '^(apps|libs)/' },
      { couldNotResolve: true },
    ),
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
