import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { bishkekWallClock } from '#money';
import { RunningBackOffice } from '../support/back-office.js';
import { BrokerTap } from '../support/broker-tap.js';
import { launchChromium, screenshot, signIn } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { MegaPayClient } from '../support/megapay-client.js';
import { RunningSystem } from '../support/system.js';
import { TEST_PORT_OFFSET } from '../support/test-env.js';

const PHONE = '996555300001';
const POOR = '996555300002';
const INN = '01234567890123';

/**
 * The back office in Debian's Chromium against the whole system (four services and the BFF as processes from dist/):
 * each flow as billing staff would do it, data made through the services' APIs as MegaPay and Dos Tek's systems would.
 * The screenshots in docs/back-office/ are taken here.
 */
describe('the back office in a browser', () => {
  let system: RunningSystem;
  let office: RunningBackOffice;
  let tap: BrokerTap;
  let api: MegaPayClient;
  let browser: Browser;
  let page: Page;
  const paid: string[] = [];

  const pay = async (amount: string, phone = PHONE) => {
    const res = await api.pay({ phone, service: 'SOCHI', account: INN, amount });
    expect(res.status).toBe(202);
    paid.push(res.body.id);
    return res.body.id as string;
  };
  const go = (path: string) => page.goto(`${office.url}${path}`);

  beforeAll(async () => {
    tap = await BrokerTap.open();
    system = await RunningSystem.start({ dbPrefix: 'dostek_bo_', basePort: 5300 });
    office = await RunningBackOffice.start(system, 5304 + TEST_PORT_OFFSET);
    api = new MegaPayClient(system);
    await api.createWallet(PHONE, '20000.00');
    await api.createWallet(POOR, '10.00');
    await api.registerOrganization(INN, 'ОсОО «Ала-Тоо Консалт»');
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
      locale: 'ru-RU',
    });
    // The page's clock is the services' (CLOCK_OFFSET_MS keeps them off Bishkek's midnight): a statement's default
    // period, "this month to today", is then the month the services wrote in, at any time of day.
    await context.clock.install({ time: Date.now() + system.clockOffsetMs });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await office?.stop();
    await system?.stop();
    await tap?.close();
  });

  it('signs in per role, and each role sees only the actions it may take', async () => {
    await go('/');
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await screenshot(page, 'sign-in');
    for (const role of ['billing', 'registrar', 'pricing', 'treasury', 'auditor']) {
      await signIn(page, office.url, `Сотрудник ${role}`, [role]);
      expect(await page.getByTestId('staff-role').allTextContents()).toHaveLength(1);
      await go('/ecp?tab=products');
      await page.getByTestId('products-table').waitFor();
      expect((await page.getByRole('button', { name: 'Изменить цену' }).count()) > 0).toBe(role === 'pricing');
    }
  });

  it('finds a payment made through the API by phone and opens its story across the services', async () => {
    const id = await pay('500.00');
    expect((await api.settled(id)).status).toBe('COMPLETED');
    await pay('12.50', POOR).then((rejected) => api.settled(rejected));
    await signIn(page, office.url, 'Айгуль Токтогулова', ['billing']);
    await go('/payments');
    await page.getByLabel('Телефон').fill(PHONE);
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect(page.getByTestId('payments-total').textContent()).resolves.toContain('Найдено: 1');
    expect(await page.getByTestId('payments-table').textContent()).toContain('500,00 сом');
    await screenshot(page, 'payments');
    await page.getByTestId('payment-link').first().click();
    const timeline = page.getByTestId('payment-timeline');
    await timeline.getByText('Зачислено получателю').waitFor();
    for (const step of ['Запрошен', 'Кошелёк списал', 'Журнал кошелька: списание', 'Журнал СОЧИ: зачисление'])
      await timeline.getByText(step).first().waitFor();
    expect(await page.getByTestId('wallet-lines').textContent()).toContain('−500,00 сом');
    expect(await page.getByTestId('payee-lines').textContent()).toContain('500,00 сом');
    await screenshot(page, 'payment');
  });

  it("downloads an organization's statement as CSV", async () => {
    await go(`/organizations/${INN}`);
    await page.getByTestId('organization-balance').getByText('500,00 сом').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(download.suggestedFilename()).toMatch(new RegExp(`^statement-${INN}-[0-9-]+\\.csv$`));
    expect(csv[0]).toBe('at,kind,amount,balance_after,payment_id,report_id');
    expect(csv.some((l) => l.includes(',TOP_UP,500.00,500.00,'))).toBe(true);
    expect(csv).toContain('# closing_balance,500.00');
    await screenshot(page, 'organization');
  });

  it('cancels an invoice as billing, and refuses the auditor', async () => {
    const first = await api.registerClient('DIRECTOR_CLOUD', 'OSH');
    const second = await api.registerClient('ACCOUNTANT_CLOUD', 'JALAL_ABAD');
    await go(`/ecp/invoices/${first.number}`);
    await page.getByLabel('Причина').fill('клиент передумал');
    await page.getByRole('button', { name: 'Отменить счёт' }).click();
    await page.getByTestId('invoice-status').getByText('Отменён').waitFor();
    await page.getByTestId('invoice-history').getByText('Отменён').waitFor();
    await screenshot(page, 'invoice');
    await go('/ecp?tab=invoices');
    await page.getByTestId('invoices-table').getByText(second.number).waitFor();
    await page.getByTestId('invoices-table').getByText(first.number).waitFor();
    await screenshot(page, 'ecp');
    // Cancelled, so billing may issue the registration a new invoice at today's price.
    await go(`/ecp/registrations/${first.registrationId}`);
    await page.getByRole('button', { name: 'Выставить новый счёт' }).click();
    await page.getByTestId('registration-invoices').getByText('Выставлен').waitFor();
    expect(await page.getByTestId('registration-invoices').getByRole('row').count()).toBe(2);

    await signIn(page, office.url, 'Аудитор', ['auditor']);
    await go(`/ecp/invoices/${second.number}`);
    await page.getByTestId('invoice-status').getByText('Выставлен').waitFor();
    expect(await page.getByRole('button', { name: 'Отменить счёт' }).count()).toBe(0);
    // The button is hidden; a request made anyway is refused, and the invoice stays issued.
    const refused = await page.request.post(
      `${office.url}/api/services/ecp-invoicing/v1/ecp/invoices/${second.number}/cancel`,
      {
        headers: { 'x-back-office': '1', origin: office.url },
        data: { reason: 'попытка аудитора' },
      },
    );
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe('ROLE_FORBIDDEN');
    expect((await api.invoice(second.number)).status).toBe('ISSUED');
  });

  it('downloads the certificate of a paid ЭЦП invoice', async () => {
    const invoice = await api.registerClient('ACCOUNTANT_CLOUD', 'ONLINE');
    const payment = await api.payAndSettle({
      phone: PHONE,
      service: 'ECP',
      account: invoice.number,
      amount: invoice.amount,
    });
    expect(payment.status).toBe('COMPLETED');
    paid.push(payment.id);
    await eventually(async () => expect((await api.invoice(invoice.number)).status).toBe('SIGNATURE_PRODUCED'));
    await go(`/ecp/invoices/${invoice.number}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Скачать сертификат (PEM)' }).click(),
    ]);
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it('changes a product price as pricing, and shows its history', async () => {
    await signIn(page, office.url, 'Бакыт Цены', ['pricing']);
    await go('/ecp?tab=products');
    const row = page.getByTestId('products-table').getByRole('row').filter({ hasText: 'DIRECTOR_CLOUD' });
    await row.getByRole('button', { name: 'Изменить цену' }).click();
    await page.getByLabel('Цена, сом').fill('1600.00');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await row.getByText('1 600,00 сом').waitFor();
    await row.getByRole('button', { name: 'История' }).click();
    const history = page.getByTestId('price-history');
    await history.getByText('1 600,00 сом').waitFor();
    expect(await history.textContent()).toContain('Бакыт Цены');
    await screenshot(page, 'products');
  });

  it('republishes a parked message and sees the payment complete', async () => {
    // Planted: sochi-balance's database refuses every ledger line (as a bad constraint would), so the credit is parked.
    const sochi = await system.db('sochi-balance');
    await sochi.query(
      `CREATE FUNCTION bo_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '22023'; END $$`,
    );
    await sochi.query(
      'CREATE TRIGGER bo_refuse BEFORE INSERT ON sochi_ledger FOR EACH ROW EXECUTE FUNCTION bo_refuse()',
    );
    const id = await pay('77.00');
    await signIn(page, office.url, 'Айгуль Токтогулова', ['billing']);
    const parked = page.getByTestId('parked-sochi-balance').getByTestId('parked-message');
    await eventually(async () => {
      await go('/trouble?tab=parked');
      await parked.first().waitFor({ timeout: 2000 });
    }, 20_000);
    expect(await parked.first().textContent()).toContain('DATA_REJECTED');
    expect((await api.payment(id)).status).toBe('PENDING');
    await screenshot(page, 'trouble');
    // Planted: the payment was asked for ten minutes ago, so it counts as stuck (not final after 5 minutes).
    await (
      await system.db('payment-router')
    ).query(`UPDATE payments SET created_at = created_at - interval '10 minutes' WHERE id = $1`, [id]);
    await go('/');
    await page.getByTestId('stuck-count').getByText('1', { exact: true }).waitFor();
    expect(await page.getByTestId('parked-count').textContent()).toBe('1');
    await go('/trouble?tab=stuck');
    await page.getByTestId('payments-table').getByText('ждёт списания с кошелька и зачисления на СОЧИ').waitFor();
    await screenshot(page, 'stuck');
    await go('/trouble?tab=parked');

    await sochi.query('DROP TRIGGER bo_refuse ON sochi_ledger; DROP FUNCTION bo_refuse()');
    await parked.first().getByRole('button', { name: 'Обработать снова' }).click();
    await page.getByTestId('parked-note').fill('ограничение в базе СОЧИ снято');
    await page.getByTestId('parked-confirm').click();
    await page.getByTestId('parked-sochi-balance').getByText('Очередь пуста').waitFor();
    expect((await api.settled(id)).status).toBe('COMPLETED');
    await go(`/payments/${id}`);
    await page.getByText('Завершён').first().waitFor();
  });

  it('reconciles a day with planted differences and lists each one', async () => {
    for (const amount of ['101.00', '102.00', '103.00', '104.00']) await pay(amount);
    for (const id of paid) await api.settled(id);
    const day = bishkekWallClock(system.now()).date;
    const register = await page.request.get(
      `${office.url}/api/services/payment-router/v1/reconciliation/days/${day}/register`,
    );
    expect(register.status()).toBe(200);
    const [, ...lines] = (await register.text())
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const ours = lines.map(([key, , phone, service, account, amount, status, finalAt]) => ({
      key,
      phone,
      service,
      account,
      amount,
      status,
      finalAt,
    }));
    expect(ours.length).toBeGreaterThanOrEqual(6);
    // MegaPay's register: one line each way of disagreeing, the rest as ours; one of ours left out.
    const theirs = ours
      .slice(0, -1)
      .map((l, i) =>
        i === 0
          ? { ...l, amount: `${(Number(l.amount.replace('.', '')) + 100).toString().replace(/(\d{2})$/, '.$1')}` }
          : i === 1
            ? { ...l, status: l.status === 'COMPLETED' ? 'REFUNDED' : 'COMPLETED' }
            : i === 2
              ? { ...l, phone: '996555399999' }
              : l,
      );
    theirs.push({
      key: `megapay-${randomUUID()}`,
      phone: PHONE,
      service: 'SOCHI',
      account: INN,
      amount: '42.00',
      status: 'COMPLETED',
      finalAt: ours[0].finalAt,
    });
    const csv = [
      'idempotency_key,phone,service,account,amount,status,paid_at',
      ...theirs.map((l) => [l.key, l.phone, l.service, l.account, l.amount, l.status, l.finalAt].join(',')),
    ].join('\r\n');

    await go('/reconciliation');
    await page.getByLabel('День (Бишкек)').fill(day);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: `megapay-${day}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForURL(`**/reconciliation/${day}`);
    const rows = page.getByTestId('difference');
    await rows.first().waitFor();
    const kinds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')));
    expect(kinds.sort()).toEqual([
      'amountDiffers',
      'detailsDiffer',
      'missingOnOurSide',
      'missingOnTheirs',
      'statusDiffers',
    ]);
    expect(await page.getByTestId('day-flag').textContent()).toBe('Не разобрано: 5');
    await screenshot(page, 'reconciliation-day');

    await rows.filter({ hasText: 'Нет у нас' }).getByRole('button', { name: 'Разобрать' }).click();
    await page.getByTestId('resolution-note').fill('тестовая строка MegaPay, у нас платежа не было');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByTestId('day-flag').getByText('Не разобрано: 4').waitFor();
    await go('/reconciliation');
    await page.getByTestId('reconciliation-days').getByTestId('unresolved').getByText('4', { exact: true }).waitFor();
    await screenshot(page, 'reconciliation');
  });

  it("shows the home page: today's totals, payments per hour and the trouble counts", async () => {
    await go('/');
    await page.getByTestId('today-totals').getByText('Завершён').first().waitFor();
    await page.getByTestId('per-hour-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('parked-count').textContent()).toBe('0');
    await screenshot(page, 'home');
  });
});
