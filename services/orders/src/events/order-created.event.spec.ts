import { orderCreatedEvent } from './order-created.event';

describe(orderCreatedEvent.name, () => {
  const order = {
    id: '5b7a1c9e-0d7f-4d0e-9a59-3c2b8f1f2a10',
    firstName: 'John',
    lastName: 'Doe',
    email: 'john@example.com',
    items: [
      { productId: 'p-1', name: 'Pocket Watch', quantity: 2, unitCost: 100, totalCost: 200 },
      { productId: null, name: 'Strap', quantity: 0, unitCost: 0, totalCost: 0 },
    ],
  };

  it("writes the reference's body with its key order", () => {
    const event = orderCreatedEvent(order);
    expect(event.payload).toBe(
      '{"order":{"id":"5b7a1c9e-0d7f-4d0e-9a59-3c2b8f1f2a10","firstName":"John","lastName":"Doe",' +
        '"email":"john@example.com","orderItems":[' +
        '{"productId":"p-1","quantity":2,"unitCost":100,"name":"Pocket Watch","totalCost":200},' +
        '{"productId":null,"quantity":0,"unitCost":0,"name":"Strap","totalCost":0}]}}',
    );
    expect(event).toMatchObject({ type: 'OrderCreatedEvent', orderId: order.id });
  });

  it('leaves null lastName and email out of the order, as Jackson does there', () => {
    const body = JSON.parse(orderCreatedEvent({ ...order, lastName: null, email: null }).payload);
    expect(Object.keys(body.order)).toEqual(['id', 'firstName', 'orderItems']);
  });

  it('gives every event its own id', () => {
    expect(orderCreatedEvent(order).id).not.toBe(orderCreatedEvent(order).id);
  });
});
