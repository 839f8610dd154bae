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
  texts,
} from './chromium';
import { startStore, Store } from './stack';

describeWithBrowser('a new shopper in a real browser', () => {
  let store: Store;
  let browser: Browser;
  let page: Page;
  /** Content-Security-Policy violations and script errors the pages caused. */
  const problems: string[] = [];

  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const badge = () => page.locator('#go-cart .badge');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    store = await startStore();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  it('browses the home page: banner, hot products, an empty cart', async () => {
    await page.goto(`${store.url}/`);
    await page.waitForURL(`${store.url}/home`);
    expect(await page.title()).toBe('Retail Store Sample App');
    await page.getByText('Browser test banner').waitFor({ state: 'visible' });
    await eventually(async () => expect(await page.locator('.product').count()).toBe(4));
    await eventually(async () => expect(await text(badge())).toBe('0'));
    // Every product picture arrived through the UI's /assets proxy.
    const broken = await page
      .locator('img')
      .evaluateAll((imgs) => imgs.filter((i) => !(i as HTMLImageElement).naturalWidth).length);
    expect(broken).toBe(0);
    await shot('01-home');
  });

  it('filters the catalog by tag and switches to 9 per page', async () => {
    await page.click('#menu-catalog');
    await eventually(async () =>
      expect(await text(page.locator('.breadcrumb-item.active'))).toBe('Catalog'),
    );
    await eventually(async () =>
      expect(await text(page.locator('.showing'))).toBe('Showing 3 of 6 products'),
    );
    await page.locator('.category-menu').getByRole('link', { name: 'Dress' }).click();
    await page.locator('.products-number').getByRole('link', { name: '9' }).click();
    await eventually(async () =>
      expect(await text(page.locator('.showing'))).toBe('Showing 5 of 5 products'),
    );
    await eventually(async () =>
      expect(await text(page.locator('.category-link.active'))).toBe('Dress'),
    );
    await page.locator('.category-menu').getByRole('link', { name: 'Luxury' }).click();
    await eventually(async () => expect(await page.locator('.product').count()).toBe(1));
    await shot('02-catalog-luxury');
  });

  it('opens a product and adds it to the cart', async () => {
    await page.locator('.product-link').first().click();
    await eventually(async () =>
      expect(await text(page.locator('#productMain h1'))).toBe('Chronograf Classic'),
    );
    await eventually(async () =>
      expect(await text(page.locator('#productMain .price'))).toBe('$5100'),
    );
    await shot('03-product');
    await page.click('#add-to-cart');
    await page.waitForURL(`${store.url}/cart`);
    await eventually(async () => expect(await text(badge())).toBe('1'));
    await eventually(async () => expect(await page.locator('.cart-item').count()).toBe(1));
  });

  it('adds a second product from a catalog card and sees the badge count both', async () => {
    await page.goto(`${store.url}/catalog?page=1&size=9&tag=`);
    await page
      .locator('.product', { hasText: 'Pocket Watch' })
      .getByRole('button', { name: 'Add to cart' })
      .click();
    await eventually(async () => expect(await text(badge())).toBe('2'));
    await eventually(async () =>
      expect((await texts(page.locator('.item-name'))).sort()).toEqual([
        'Chronograf Classic',
        'Pocket Watch',
      ]),
    );
    await eventually(async () => expect(await text(page.locator('.cart-total'))).toBe('$5485'));
    await shot('04-cart');
  });

  it('checks out: address (with a mistake first), delivery, payment, review', async () => {
    await page.getByRole('link', { name: 'Checkout' }).click();
    await eventually(async () =>
      expect(await text(page.locator('.breadcrumb-item.active'))).toBe('Checkout'),
    );
    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(async () =>
      expect(await page.locator('#firstName').getAttribute('aria-invalid')).toBe('true'),
    );
    await page.getByText('Please enter your e-mail address.').waitFor({ state: 'visible' });
    await shot('05-address-errors');

    // Every field is reachable by its label.
    await fillAddress(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(`${store.url}/checkout`);

    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(async () =>
      expect(await text(page.getByRole('alert'))).toBe('Please select a delivery method.'),
    );
    await page.getByLabel(/Priority Mail Express/).check();
    await shot('06-delivery');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(`${store.url}/checkout/delivery`);

    await fillPayment(page);
    await shot('07-payment');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(`${store.url}/checkout/payment`);
    // 5485 + 5% tax (274) + Priority Mail Express (15).
    await eventually(async () =>
      expect(await text(page.locator('.totals .grand dd'))).toBe('$5774'),
    );
    await shot('08-review');
  });

  it('places the order and sees the confirmation with an empty cart', async () => {
    await page.getByRole('button', { name: 'Order' }).click();
    await page.waitForURL(`${store.url}/checkout/confirm`);
    await eventually(async () => expect(await text(page.locator('#orderId'))).toMatch(/\S+/));
    await eventually(async () =>
      expect(await text(page.locator('#orderEmail'))).toBe('jane@example.com'),
    );
    await eventually(async () =>
      expect(await text(page.locator('.breadcrumb-item.active'))).toBe('Order'),
    );
    await eventually(async () => expect(await text(badge())).toBe('0'));
    await shot('09-confirmation');
  });

  it('works from the keyboard: the skip link comes first and reaches the content', async () => {
    await page.goto(`${store.url}/home`);
    await page.keyboard.press('Tab');
    await eventually(async () =>
      expect(await page.locator('.skip-link').evaluate((e) => e === document.activeElement)).toBe(
        true,
      ),
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.closest('main') !== null);
    expect(focused).toBe(true);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const route of ['/home', '/catalog', '/cart', '/topology']) {
      await page.goto(`${store.url}${route}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ route, overflow }).toEqual({ route, overflow: 0 });
    }
    await shot('10-phone-topology');
  });

  it('raised no CSP violation or script error on any page', () => {
    expect(problems).toEqual([]);
  });
});
