import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  describeWithBrowser,
  eventually,
  fillAddress,
  fillPayment,
  launchChromium,
  SHOTS,
  text,
} from './chromium';
import { startStore, Store } from './stack';

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 375, height: 800 },
];

/**
 * Issue 19 §1: a test written for the reference clicks the centre of each `.item-selector`; each
 * must be one delivery option, so that click selects it and the checkout can go on.
 */
describeWithBrowser('delivery options clicked in their centre', () => {
  let store: Store;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    store = await startStore();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  /** A new shopper with one product in the cart, at the delivery step. */
  async function atDeliveryStep(viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${store.url}/catalog`);
    await page.getByRole('button', { name: 'Add to cart' }).first().click();
    await page.waitForURL(`${store.url}/cart`);
    await page.getByRole('link', { name: 'Checkout' }).click();
    await fillAddress(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(`${store.url}/checkout`);
    await page.locator('.item-selector').first().waitFor({ state: 'visible' });
    return page;
  }

  async function clickCentre(page: Page, index: number): Promise<void> {
    const box = await page.locator('.item-selector').nth(index).boundingBox();
    if (!box) throw new Error(`.item-selector ${index} is not on screen`);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  /** Which radios are checked, in page order. */
  const checked = (page: Page) =>
    page
      .locator('.item-selector input[type=radio]')
      .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).checked));

  it.each(WIDTHS)('selects each option at $name width, then places the order', async (size) => {
    const page = await atDeliveryStep(size);
    try {
      const selectors = page.locator('.item-selector');
      expect(await selectors.count()).toBe(2);
      // Each box holds exactly one radio.
      for (let i = 0; i < 2; i += 1) {
        expect(await selectors.nth(i).locator('input[type=radio]').count()).toBe(1);
      }
      expect(await checked(page)).toEqual([false, false]);
      await clickCentre(page, 0);
      expect(await checked(page)).toEqual([true, false]);
      await clickCentre(page, 1);
      expect(await checked(page)).toEqual([false, true]);
      await page.screenshot({
        path: path.join(SHOTS, `delivery-${size.name}.png`),
        fullPage: true,
      });

      await clickCentre(page, 0);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.waitForURL(`${store.url}/checkout/delivery`);
      await fillPayment(page);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.waitForURL(`${store.url}/checkout/payment`);
      await page.getByRole('button', { name: 'Order' }).click();
      await page.waitForURL(`${store.url}/checkout/confirm`);
      await eventually(async () => expect(await text(page.locator('#orderId'))).toMatch(/\S+/));
      await eventually(async () =>
        expect(await text(page.locator('#orderEmail'))).toBe('jane@example.com'),
      );
    } finally {
      await page.close();
    }
  });
});
