import { describe, expect, it } from '@jest/globals';
import { forwarding } from './forwarding-rules.js';

describe('what the BFF forwards to the services', () => {
  it('forwards reads of /v1/ paths of any of the four services', () => {
    expect(forwarding('GET', 'payment-router', '/v1/payments')).toEqual({ ok: true, action: null });
    expect(forwarding('GET', 'sochi-balance', '/v1/sochi/organizations/01234567890123/statement')).toEqual({
      ok: true,
      action: null,
    });
  });

  it('refuses other services, dot segments and paths outside /v1/', () => {
    expect(forwarding('GET', 'postgres', '/v1/payments')).toEqual({ ok: false });
    expect(forwarding('GET', 'wallet', '/v1/../health')).toEqual({ ok: false });
    expect(forwarding('GET', 'wallet', '/docs-json')).toEqual({ ok: false });
    expect(forwarding('GET', 'wallet', '/v1/wallets/%2e%2e')).toEqual({ ok: false });
  });

  it('forwards only the writes the UI offers, each named by its staff action', () => {
    expect(forwarding('POST', 'ecp-invoicing', '/v1/ecp/invoices/4539578763621486/cancel')).toEqual({
      ok: true,
      action: 'cancelInvoice',
    });
    expect(forwarding('PUT', 'ecp-invoicing', '/v1/ecp/products/DIRECTOR_CLOUD')).toEqual({
      ok: true,
      action: 'changePrice',
    });
    expect(forwarding('POST', 'wallet', '/v1/parked-messages/42/republish')).toEqual({
      ok: true,
      action: 'republishParked',
    });
    expect(forwarding('POST', 'payment-router', '/v1/reconciliation/days/2026-11-29')).toEqual({
      ok: true,
      action: 'reconcileDay',
    });
  });

  it('refuses partner writes such as a payment or a top-up', () => {
    expect(forwarding('POST', 'payment-router', '/v1/payments')).toEqual({ ok: false });
    expect(forwarding('POST', 'wallet', '/v1/wallets/996555000001/top-ups')).toEqual({ ok: false });
    expect(forwarding('DELETE', 'wallet', '/v1/wallets/996555000001/favorites/x')).toEqual({ ok: false });
  });
});
