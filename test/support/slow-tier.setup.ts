import { jest } from '@jest/globals';

// Integration and end-to-end tests wait on real brokers, databases and processes: a longer ceiling, never a sleep.
jest.setTimeout(Number(process.env.SLOW_TEST_TIMEOUT_MS ?? 60_000));
