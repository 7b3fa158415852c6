import { describe, expect, it } from '@jest/globals';
import { walletConfig } from './wallet.config.js';

describe('walletConfig', () => {
  it('defaults to port 3001 and a 60000.00 som monthly limit, in tyiyn', () => {
    const config = walletConfig({});
    expect(config.PORT).toBe(3001);
    expect(config.WALLET_MONTHLY_LIMIT).toBe(6_000_000n);
  });

  it('reads the limit as a som decimal', () => {
    expect(walletConfig({ WALLET_MONTHLY_LIMIT: '100.50', PORT: '3901' })).toMatchObject({
      WALLET_MONTHLY_LIMIT: 10_050n,
      PORT: 3901,
    });
  });

  it.each(['60000.001', '0', '-1', 'lots'])('fails fast on the limit %j', (limit) => {
    expect(() => walletConfig({ WALLET_MONTHLY_LIMIT: limit })).toThrow(/WALLET_MONTHLY_LIMIT/);
  });
});

describe('autopayment settings', () => {
  it('default to a 30 s tick and a pause after 3 failures in a row', () => {
    expect(walletConfig({})).toMatchObject({
      AUTOPAYMENT_TICK_MS: 30_000,
      AUTOPAYMENT_MAX_FAILURES: 3,
      CLOCK_OFFSET_MS: 0,
    });
  });

  it.each([
    ['AUTOPAYMENT_TICK_MS', '0'],
    ['AUTOPAYMENT_MAX_FAILURES', '0'],
    ['AUTOPAYMENT_TICK_MS', 'often'],
  ])('fails fast on %s=%j', (name, value) => {
    expect(() => walletConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
