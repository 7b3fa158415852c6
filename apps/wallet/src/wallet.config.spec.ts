import { describe, expect, it } from '@jest/globals';
import { walletConfig } from './wallet.config.js';

describe('walletConfig', () => {
  it('defaults to port 3001 and a 60000.00 som monthly limit, in tyiyn', () => {
    const config = walletConfig({});
    expect(config.PORT).toBe(3001);
    expect(config.WALLET_MONTHLY_LIMIT).toBe(6_000_000n);
  });

  it('reads the limit as a som decimal', () => {
    expect(walletConfig({ WALLET_MONTHLY_LIMIT: '100.50', PORT: '3901' })).toMatchObject({ WALLET_MONTHLY_LIMIT: 10_050n, PORT: 3901 });
  });

  it.each(['60000.001', '0', '-1', 'lots'])('fails fast on the limit %j', (limit) => {
    expect(() => walletConfig({ WALLET_MONTHLY_LIMIT: limit })).toThrow(/WALLET_MONTHLY_LIMIT/);
  });
});
