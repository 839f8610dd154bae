import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Controller, Get, Module, Param, Post, type Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, ServiceKitModule, ServiceDefinition } from '@retail/service-kit';
import request from 'supertest';
import { HttpAssetsClient } from './assets/assets.client';
import { HttpCartsClient } from './carts/carts.client';
import { HttpCatalogClient } from './catalog/catalog.client';
import { HttpCheckoutClient } from './checkout/checkout.client';
import { HttpOrdersClient } from './orders/orders.client';

/** A backend that answers everything 200 `{}` and records each call's x-request-id. */
async function recordingBackend(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${String(req.headers['x-request-id'] ?? '-')}`);
    req
      .resume()
      .on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const definition = (name: string): ServiceDefinition => ({
  name,
  health: { style: 'terminus', livenessPath: '/health' },
  logLevel: 'silent',
  errors: { render: ({ status, message }) => ({ status, message }) },
});

async function start(
  module: Type,
  name: string,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createApp({ module, imports: [ServiceKitModule.forRoot(definition(name))] });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('x-request-id through the clients', () => {
  let backend: Awaited<ReturnType<typeof recordingBackend>>;
  let checkout: { app: NestFastifyApplication; url: string };
  let ui: { app: NestFastifyApplication; url: string };
  let clients: {
    catalog: HttpCatalogClient;
    carts: HttpCartsClient;
    assets: HttpAssetsClient;
    checkout: HttpCheckoutClient;
    orders: HttpOrdersClient;
  };

  beforeAll(async () => {
    backend = await recordingBackend();
    const orders = new HttpOrdersClient(backend.url);

    /** Checkout's submit: places the order with orders. */
    @Controller()
    class CheckoutController {
      @Post('checkout/:id/submit') async submit(@Param('id') id: string) {
        await orders.create(
          { firstName: id, lastName: 'x', email: null, items: [] },
          `submit-${id}`,
        );
        return { orderId: 'o-1', customerEmail: null };
      }
    }
    @Module({ controllers: [CheckoutController] })
    class CheckoutModule {}
    checkout = await start(CheckoutModule, 'checkout');

    clients = {
      catalog: new HttpCatalogClient(backend.url),
      carts: new HttpCartsClient(backend.url),
      assets: new HttpAssetsClient(backend.url),
      checkout: new HttpCheckoutClient(checkout.url),
      orders,
    };

    /** A storefront page that reads every backend, then confirms the checkout. */
    @Controller()
    class UiController {
      @Get('confirm') async confirm() {
        await clients.catalog.tags();
        await clients.carts.cart('c-1');
        await clients.assets.image('a.jpg');
        await clients.checkout.submit('c-1');
        return 'ok';
      }
    }
    @Module({ controllers: [UiController] })
    class UiModule {}
    ui = await start(UiModule, 'ui');
  });

  afterAll(async () => {
    await Promise.all(Object.values(clients).map((c) => c.close()));
    await ui.app.close();
    await checkout.app.close();
    backend.server.closeAllConnections();
    await new Promise((resolve) => backend.server.close(resolve));
  });

  beforeEach(() => backend.seen.splice(0));

  it('sends the storefront request id on every call, through checkout to orders', async () => {
    await request(ui.url).get('/confirm').set('x-request-id', 'shopper-42').expect(200);
    expect(backend.seen).toEqual([
      'GET /catalogue/tags shopper-42',
      'GET /carts/c-1 shopper-42',
      'GET /assets/a.jpg shopper-42',
      'POST /orders shopper-42',
    ]);
  });

  it('sends the id the storefront generated when the browser sent none', async () => {
    await request(ui.url).get('/confirm').expect(200);
    const ids = new Set(backend.seen.map((line) => line.split(' ')[2]));
    expect([...ids]).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(backend.seen).toHaveLength(4);
  });

  it('gives concurrent requests their own ids', async () => {
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        request(ui.url).get('/confirm').set('x-request-id', id).expect(200),
      ),
    );
    const orders = backend.seen.filter((line) => line.startsWith('POST /orders'));
    expect(orders.sort()).toEqual(['POST /orders a', 'POST /orders b', 'POST /orders c']);
  });

  it('sends no request id from outside a request (start-up, readiness)', async () => {
    await clients.catalog.health();
    expect(backend.seen).toEqual(['GET /health -']);
  });
});
