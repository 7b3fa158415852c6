import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { invoiceSchema } from '../../apps/ecp-invoicing/src/get-invoice/invoice-view.js';
import { registrationSchema } from '../../apps/ecp-invoicing/src/get-registration/registration-view.js';
import { productListSchema } from '../../apps/ecp-invoicing/src/manage-products/product.schema.js';
import { newRegistrationSchema } from '../../apps/ecp-invoicing/src/register-client/new-registration.schema.js';
import { paymentCheckSchema } from '../../apps/payment-router/src/check-payment/payment-check.schema.js';
import { serviceListSchema } from '../../apps/payment-router/src/list-services/service-list.schema.js';
import { paymentSchema } from '../../apps/payment-router/src/persistence/payment-view.js';
import { chargeListSchema, chargeResultSchema } from '../../apps/sochi-balance/src/charge-report/charge.view.js';
import { organizationSchema } from '../../apps/sochi-balance/src/get-organization/organization.schema.js';
import { statementSchema } from '../../apps/sochi-balance/src/get-statement/statement.schema.js';
import { registeredOrganizationSchema } from '../../apps/sochi-balance/src/register-organization/registered-organization.schema.js';
import { autopaymentListSchema, autopaymentSchema } from '../../apps/wallet/src/autopayments/autopayment.view.js';
import { favoriteListSchema, favoriteSchema } from '../../apps/wallet/src/favorites/favorite.view.js';
import { walletSchema } from '../../apps/wallet/src/get-wallet/wallet.schema.js';
import { operationPageSchema } from '../../apps/wallet/src/list-operations/operation-page.schema.js';
import { notificationPageSchema } from '../../apps/wallet/src/notifications/notification-page.schema.js';
import { topUpSchema } from '../../apps/wallet/src/top-up-wallet/top-up.schema.js';
import { auditPageSchema } from '../../libs/platform/src/audit/audit-page.schema.js';
import { healthSchema } from '../../libs/platform/src/health.schema.js';
import { eventually } from '../support/eventually.js';
import { http } from '../support/service-harness.js';
import { RunningSystem, SERVICE_NAMES, type ServiceName } from '../support/system.js';
import { asStaff } from '../support/test-credentials.js';

const PHONE = '996555600001';
const INN = '06666666666601';

/**
 * The answers the running services give are exactly the named schemas their OpenAPI documents publish: every field
 * of the right type, and none beyond them (the schemas strip unknown fields, so parsing must change nothing).
 */
describe('answers match their documented schemas', () => {
  let system: RunningSystem;
  const url = (service: ServiceName) => system.url(service);

  function expectShape(schema: z.ZodType, res: { status: number; body: any }, status: number) {
    expect(res.status).toBe(status);
    expect(schema.parse(res.body)).toEqual(res.body);
  }

  beforeAll(async () => {
    system = await RunningSystem.start({ dbPrefix: 'dostek_answers_', basePort: 4700 });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('wallet and sochi-balance', async () => {
    expectShape(walletSchema, await http(url('wallet'), 'POST', '/v1/wallets', { phone: PHONE }), 201);
    expectShape(
      topUpSchema,
      await http(
        url('wallet'),
        'POST',
        `/v1/wallets/${PHONE}/top-ups`,
        { amount: '500.00' },
        { 'Idempotency-Key': randomUUID() },
      ),
      201,
    );
    expectShape(
      registeredOrganizationSchema,
      await http(url('sochi-balance'), 'POST', '/v1/sochi/organizations', { inn: INN, name: 'ОсОО «Схема»' }),
      201,
    );
    expectShape(
      chargeResultSchema,
      await http(url('sochi-balance'), 'POST', `/v1/sochi/organizations/${INN}/charges`, {
        reportId: 'R-1',
        description: 'Отчет',
        price: '10.00',
      }),
      201,
    );
    expectShape(
      chargeListSchema,
      await http(url('sochi-balance'), 'GET', `/v1/sochi/organizations/${INN}/charges`),
      200,
    );
  });

  it('payment-router, and what a payment leaves in the wallet and the organization', async () => {
    const payment = { phone: PHONE, service: 'SOCHI', account: INN, amount: '150.00' };
    expectShape(serviceListSchema, await http(url('payment-router'), 'GET', '/v1/services'), 200);
    expectShape(paymentCheckSchema, await http(url('payment-router'), 'POST', '/v1/payments/check', payment), 200);
    const paid = await http(url('payment-router'), 'POST', '/v1/payments', payment, {
      'Idempotency-Key': randomUUID(),
    });
    expectShape(paymentSchema, paid, 202);
    await eventually(async () =>
      expect((await http(url('payment-router'), 'GET', `/v1/payments/${paid.body.id}`)).body.status).toBe('COMPLETED'),
    );
    expectShape(paymentSchema, await http(url('payment-router'), 'GET', `/v1/payments/${paid.body.id}`), 200);
    expectShape(walletSchema, await http(url('wallet'), 'GET', `/v1/wallets/${PHONE}`), 200);
    expectShape(operationPageSchema, await http(url('wallet'), 'GET', `/v1/wallets/${PHONE}/operations`), 200);
    await eventually(async () =>
      expect(
        (await http(url('wallet'), 'GET', `/v1/wallets/${PHONE}/notifications`)).body.items.length,
      ).toBeGreaterThan(0),
    );
    expectShape(notificationPageSchema, await http(url('wallet'), 'GET', `/v1/wallets/${PHONE}/notifications`), 200);
    expectShape(organizationSchema, await http(url('sochi-balance'), 'GET', `/v1/sochi/organizations/${INN}`), 200);
    const today = new Date().toISOString().slice(0, 10);
    expectShape(
      statementSchema,
      await http(url('sochi-balance'), 'GET', `/v1/sochi/organizations/${INN}/statement?from=2026-01-01&to=${today}`),
      200,
    );
  });

  it('favorites and autopayments', async () => {
    const favorite = await http(url('wallet'), 'POST', `/v1/wallets/${PHONE}/favorites`, {
      name: 'Налоги',
      service: 'SOCHI',
      account: INN,
      amount: '20.00',
    });
    expectShape(favoriteSchema, favorite, 201);
    expectShape(favoriteListSchema, await http(url('wallet'), 'GET', `/v1/wallets/${PHONE}/favorites`), 200);
    const autopayment = await http(url('wallet'), 'POST', `/v1/wallets/${PHONE}/autopayments`, {
      favoriteId: favorite.body.id,
      schedule: { kind: 'WEEKLY', weekday: 'MONDAY', time: '09:00' },
    });
    expectShape(autopaymentSchema, autopayment, 201);
    expectShape(autopaymentListSchema, await http(url('wallet'), 'GET', `/v1/wallets/${PHONE}/autopayments`), 200);
    expectShape(
      autopaymentSchema,
      await http(url('wallet'), 'POST', `/v1/wallets/${PHONE}/autopayments/${autopayment.body.id}/pause`),
      200,
    );
  });

  it('ecp-invoicing', async () => {
    expectShape(productListSchema, await http(url('ecp-invoicing'), 'GET', '/v1/ecp/products'), 200);
    const registered = await http(url('ecp-invoicing'), 'POST', '/v1/ecp/registrations', {
      office: 'ONLINE',
      organizationName: 'ОсОО «Схема»',
      inn: INN,
      signerName: 'Асанов Бакыт',
      signerRole: 'Директор',
      phone: PHONE,
      productCode: 'DIRECTOR_CLOUD',
    });
    expectShape(newRegistrationSchema, registered, 201);
    expectShape(
      registrationSchema,
      await http(url('ecp-invoicing'), 'GET', `/v1/ecp/registrations/${registered.body.id}`),
      200,
    );
    expectShape(
      invoiceSchema,
      await http(url('ecp-invoicing'), 'GET', `/v1/ecp/invoices/${registered.body.invoice.number}`),
      200,
    );
  });

  it('the platform: health and the audit trail of each service', async () => {
    for (const service of SERVICE_NAMES) {
      expectShape(
        healthSchema,
        await http(url(service), 'GET', '/health', undefined, {}, { credentials: 'none' }),
        200,
      );
      expectShape(
        auditPageSchema,
        await http(url(service), 'GET', '/v1/audit', undefined, await asStaff('auditor')),
        200,
      );
    }
  });
});
