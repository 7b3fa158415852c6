import { describe, expect, it } from '@jest/globals';
import { withLocalDefaults } from './service-config.js';

describe('withLocalDefaults: the development roles scripts/ensure-infra.sh creates', () => {
  it('runs as the runtime role and migrates as the owner, each with its dev-only password', () => {
    expect(withLocalDefaults('payment-router', 3000, {})).toMatchObject({
      DATABASE_URL:
        'postgres://dostek_payment_router_app:dev-only-dostek_payment_router_app@127.0.0.1:5432/dostek_payment_router',
      DATABASE_OWNER_URL:
        'postgres://dostek_payment_router_owner:dev-only-dostek_payment_router_owner@127.0.0.1:5432/dostek_payment_router',
    });
  });

  it("takes the server from POSTGRES_URL (its user replaced) and the databases' prefix from DB_PREFIX", () => {
    expect(
      withLocalDefaults('wallet', 3001, { POSTGRES_URL: 'postgres://postgres@db.internal:6543/', DB_PREFIX: 'demo_' }),
    ).toMatchObject({
      DATABASE_URL: 'postgres://dostek_wallet_app:dev-only-dostek_wallet_app@db.internal:6543/demo_wallet',
      DATABASE_OWNER_URL: 'postgres://dostek_wallet_owner:dev-only-dostek_wallet_owner@db.internal:6543/demo_wallet',
    });
  });

  it("gives no owner URL beside an explicit DATABASE_URL: that database's owner is not ours to guess", () => {
    const config = withLocalDefaults('wallet', 3001, { DATABASE_URL: 'postgres://app@db/wallet' });
    expect(config.DATABASE_URL).toBe('postgres://app@db/wallet');
    expect(config).not.toHaveProperty('DATABASE_OWNER_URL');
  });
});
