import { withBuiltService } from '@retail/testing';

/** The built service as the image runs it (`node main.js`), on its in-memory default. */
describe('the cart process', () => {
  const { url } = withBuiltService('cart', { LOG_LEVEL: 'silent' }, '/actuator/health');

  it('answers health and readiness UP', async () => {
    for (const path of ['/actuator/health', '/actuator/health/readiness']) {
      const res = await fetch(url(path));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'UP' });
    }
  });

  it('keeps an item and answers it back', async () => {
    const item = { itemId: 'p1', quantity: 2, unitPrice: 150 };
    const added = await fetch(url('/carts/c1/items'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...item, extra: 'dropped' }),
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual(item);
    expect(await (await fetch(url('/carts/c1'))).json()).toEqual({
      customerId: 'c1',
      items: [item],
    });
  });

  it("documents the answered item with @nestjs/swagger's PickType of the body's fields", async () => {
    const doc = (await (await fetch(url('/v3/api-docs'))).json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const { ItemResponse, ItemBody } = doc.components.schemas;
    expect(Object.keys(ItemResponse.properties)).toEqual(['itemId', 'quantity', 'unitPrice']);
    expect(ItemResponse.properties).toEqual(ItemBody.properties);
  });
});
