import { describe, expect, it } from 'vitest';
import { InvalidEnvironmentError, loadEnv } from '../../src/config/env.js';

describe('environment', () => {
  it('when the live stream limits are not set, then 5 per token and 1,000 per process apply', () => {
    const env = loadEnv({});
    expect(env.SSE_MAX_PER_TOKEN).toBe(5);
    expect(env.SSE_MAX_PER_PROCESS).toBe(1_000);
  });

  it('when a live stream limit is set, then it is used, and zero is refused naming the variable', () => {
    expect(loadEnv({ SSE_MAX_PER_TOKEN: '1', SSE_MAX_PER_PROCESS: '20' })).toMatchObject({
      SSE_MAX_PER_TOKEN: 1,
      SSE_MAX_PER_PROCESS: 20,
    });
    expect(() => loadEnv({ SSE_MAX_PER_TOKEN: '0' })).toThrow(InvalidEnvironmentError);
    expect(() => loadEnv({ SSE_MAX_PER_PROCESS: '0' })).toThrow(/SSE_MAX_PER_PROCESS/);
  });
});
