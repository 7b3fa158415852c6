import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium): Playwright's own browser download cannot work on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// As root, and without the background-networking flags Chromium floods the closed network with refused connections.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Russian date and time fields, as the staff's browsers show them.
  '--lang=ru-RU',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (scripts/ensure-infra.sh does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

const SCREENSHOTS = fileURLToPath(new URL('../../docs/back-office/', import.meta.url));

/** Saves the page as docs/back-office/<name>.png, where docs/back-office.md shows it: the screenshots stay true. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true, animations: 'disabled' });
}

/** Signs in with the development sign-in page as `name` holding exactly `roles`. */
export async function signIn(page: Page, baseUrl: string, name: string, roles: string[]): Promise<void> {
  await page.context().clearCookies();
  await page.goto(baseUrl);
  await page.getByLabel('Имя').fill(name);
  for (const role of ['billing', 'registrar', 'pricing', 'treasury', 'auditor']) {
    const box = page.getByLabel(new RegExp(`\\(${role}\\)`));
    if ((await box.isChecked()) !== roles.includes(role)) await box.click();
  }
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('staff-name').filter({ hasText: name }).waitFor();
}
