import { defineConfig } from 'vitest/config';

const shared = ['node_modules/**', '.stack/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: [
            '{actors,bench,client,host,gateway,realtime,schemas,platform,stack,web}/**/*.test.ts',
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
