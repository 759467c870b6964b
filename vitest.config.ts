import { defineConfig } from 'vitest/config';
import { CoverageByFolderReporter, coverageFolders } from './stack/coverage-by-folder.ts';

const shared = ['node_modules/**', '.stack/**'];

export default defineConfig({
  test: {
    // Vitest's defaults (annotations on GitHub), then the lines per folder after the tests of a
    // run with --coverage (as `npm test` runs them).
    reporters: [
      'default',
      ...(process.env.GITHUB_ACTIONS === 'true' ? ['github-actions'] : []),
      new CoverageByFolderReporter(),
    ],
    coverage: {
      provider: 'v8',
      // The service's code. Files no test loads count too, as uncovered.
      include: coverageFolders.map((folder) =>
        folder === 'web' ? 'web/src/**/*.ts' : `${folder}/**/*.ts`,
      ),
      exclude: [
        '**/*.test.ts',
        '**/*.d.ts',
        // The processes' entry files: pure wiring (configuration, secrets, clients, listen) that
        // runs only as a process, as the integration and e2e suites start it. The actor host's and
        // the projector's main.ts stay measured: they hold logic of their own besides the wiring.
        'gateway/main.ts',
        'realtime/main.ts',
        'host/audit/main.ts',
        'host/notifier/main.ts',
      ],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // Written when a test fails too: the figures are the same, and the table prints anyway.
      reportOnFailure: true,
    },
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: [
            '{actors,bench,client,db,host,gateway,realtime,schemas,platform,stack,web}/**/*.test.ts',
            'tests/chat/**/*.test.ts',
            'tests/deploy/**/*.test.ts',
            'tests/lint/**/*.test.ts',
          ],
          exclude: shared,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          exclude: shared,
          globalSetup: ['tests/setup/stack.global.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One stack serves all files; files run one after another so that their load does
          // not distort each other's timing-sensitive waits on a 2-core machine.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          // After the integration suite: it starts a second, complete stack through npm start.
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          exclude: shared,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
