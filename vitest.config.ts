import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Fast unit tests first, then the integration files.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.{ts,tsx}'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          sequence: { groupOrder: 1 },
          // Each file gets its own cloned database and BullMQ prefix, so files may run in parallel;
          // two cores make more than two forks pointless.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
