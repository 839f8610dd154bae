import { existsSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Locator } from 'playwright-core';

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
