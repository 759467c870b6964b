import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers and what may import what (docs/ARCHITECTURE.md, "Layers and what may import what").
 * Paths are matched on the import as written: every layer imports another through `../`.
 */
const layer = (names) => `^(\\.\\./)+(${names.join('|')})/`;
const why = 'see docs/ARCHITECTURE.md, "Layers and what may import what"';
const forbid = (patterns) => ['error', { patterns }];
const layerRules = [
  {
    files: ['actors/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid([
        {
          regex: layer(['db', 'gateway', 'host', 'stack', 'realtime', 'web']),
          message: `actors/ are domain logic behind Dapr: no db, gateway, host, stack, realtime or web; ${why}`,
        },
        {
          // Dapr carries their calls, through the port the host hands them (actors/actor-runtime.ts).
          regex: '^(express|undici|(node:)?https?|(node:)?http2)(/|$)',
          message: `actors/ speak no HTTP themselves; ${why}`,
        },
        {
          // The port borrows the client's option types; the client itself is the host's to pass.
          regex: '^(\\.\\./)+platform/dapr\\.ts$',
          allowTypeImports: true,
          message: `actors/ take their sidecar as the ActorRuntime port, never the HTTP client itself; ${why}`,
        },
      ]),
    },
  },
  {
    files: ['platform/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid([
        {
          regex: layer(['actors', 'db', 'gateway', 'host', 'realtime', 'stack', 'web']),
          message: `platform/ is the plumbing every app uses and knows none of them, nor their tables; ${why}`,
        },
      ]),
    },
  },
  {
    files: ['schemas/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid([
        {
          regex: layer(['actors', 'db', 'gateway', 'host', 'platform', 'realtime', 'stack', 'web']),
          message: `schemas/ are the contracts at the bottom: they import no other layer; ${why}`,
        },
      ]),
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid([
        {
          regex: layer(['actors', 'gateway', 'host', 'realtime', 'stack', 'web']),
          message: `db/ is the application's tables: it builds on platform/ and the contracts' types, no app; ${why}`,
        },
        {
          // Its JSON columns are typed by the contracts; their zod schemas are the apps' to run.
          regex: '^(\\.\\./)+schemas/',
          allowTypeImports: true,
          message: `db/ imports only types from schemas/ (import type); ${why}`,
        },
      ]),
    },
  },
  {
    files: ['gateway/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid([
        {
          regex: layer(['actors', 'host', 'realtime', 'stack', 'web']),
          message: `gateway/ knows the actors' contracts (schemas/), never their host or implementation, nor the dev stack; ${why}`,
        },
      ]),
    },
  },
  {
    // A route of /api/v1 is declared once, as an operation (gateway/http/operation.ts), which the
    // router serves and the OpenAPI document is generated from; an Express route beside it would
    // be served and undocumented.
    files: ['gateway/routes/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(get|post|put|patch|delete|all|route)$/][callee.object.name=/[Rr]outer$/]',
          message:
            'declare the route as an operation and serve it with operationsRouter(...).on(...)',
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    // Its tests run it against a real HTTP server; they are not bundled.
    ignores: ['client/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid([
        {
          regex: layer([
            'actors',
            'bench',
            'chaos',
            'db',
            'gateway',
            'host',
            'platform',
            'realtime',
            'stack',
            'tests',
            'web',
          ]),
          message: `client/ is the API's one client, which the page bundles: it knows only the contracts; ${why}`,
        },
        {
          regex: '^(\\.\\./)+schemas/',
          allowTypeImports: true,
          message: `client/ imports only types from schemas/ (import type): values would bundle zod; ${why}`,
        },
        {
          // The page bundles it: no node: modules, no zod, nothing but the fetch it is built on.
          regex: '^(?!openapi-fetch$|\\.)',
          message: `client/ runs in the browser too: its one package is openapi-fetch; ${why}`,
        },
      ]),
    },
  },
  {
    files: ['web/src/**/*.ts'],
    // Tests compare the page's constants with the server's schemas; they are not bundled.
    ignores: ['web/src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid([
        {
          regex: layer([
            'actors',
            'db',
            'gateway',
            'host',
            'platform',
            'realtime',
            'stack',
            'tests',
          ]),
          message: `the page talks to the API only; ${why}`,
        },
        {
          // The time-zone table is data (JSON), not code: it brings no zod into the bundle.
          regex: '^(\\.\\./)+schemas/(?!time-zones/tzdb\\.json$)',
          allowTypeImports: true,
          message: `web/ imports only types from schemas/ (import type): values would bundle zod and Temporal; ${why}`,
        },
      ]),
    },
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/', '.stack/', 'stack/dapr/', 'coverage/', 'web/dist/', 'test-output/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['web/src/**'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        location: 'readonly',
        localStorage: 'readonly',
        confirm: 'readonly',
        Intl: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
      },
    },
  },
  ...layerRules,
  {
    files: ['stack/**', 'bench/**', 'chaos/**', 'tests/**', '**/generate.ts', 'host/tools/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
