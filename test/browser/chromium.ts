import { existsSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';

// Debian's chromium (DEVELOPERS.md): never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/** Where the suites leave their screenshots, for a person to look at. */
export const SHOTS = path.resolve(__dirname, '../../tmp/browser');

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** Retries a jest assertion until it holds or 5 s pass: pages load and redirect asynchronously. */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export const text = async (locator: Locator) => (await locator.innerText()).trim();
export const texts = async (locator: Locator) =>
  (await locator.allInnerTexts()).map((t) => t.trim());

const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_SERVICES === '1') {
  throw new Error(`REQUIRE_SERVICES=1 but ${CHROMIUM} is missing (apt-get install chromium)`);
}
if (!available) {
  console.warn(`skipping the browser tests: no ${CHROMIUM} (apt-get install chromium)`);
}
/** `describe` when the browser is installed, otherwise a skipped block. */
export const describeWithBrowser = available ? describe : describe.skip;

/** Fills the address step, every field by its label. */
export async function fillAddress(page: Page): Promise<void> {
  await page.getByLabel('First name').fill('Jane');
  await page.getByLabel('Last name').fill('Doe');
  await page.getByLabel('E-mail').fill('jane@example.com');
  await page.getByLabel('Address', { exact: true }).fill('100 Main St');
  await page.getByLabel('City').fill('Anytown');
  await page.getByLabel('State').selectOption('WA');
  await page.getByLabel('Zip').fill('98101');
}

/** Fills the payment step (the store ignores the card). */
export async function fillPayment(page: Page): Promise<void> {
  await page.getByLabel('Name on card').fill('Jane Doe');
  await page.getByLabel('Card number').fill('4111111111111111');
  await page.getByLabel('Expiration (MM/YY)').fill('12/30');
  await page.getByLabel('CVV').fill('123');
}
