// A shopper's walk through the UI's HTTP routes (services/ui/README.md "Pages and routes"): the
// same requests a browser sends, with the SESSIONID cookie, the forms as urlencoded bodies and
// redirects left unfollowed so each answer is checked as the UI gives it.

const ADDRESS = {
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane@example.com',
  address1: '100 Main St',
  address2: 'Apt 4',
  city: 'Anytown',
  state: 'WA',
  zip: '98101',
};
const CARD = {
  ccName: 'Jane Doe',
  ccNumber: '4111111111111111',
  ccExpiration: '12/30',
  ccCvv: '123',
};
const TIMEOUT_MS = 10_000;

/** GET or POST on a JSON API, with a deadline. */
export async function api(url, { method = 'GET', body } = {}) {
  const res = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

/** A browser on one UI: keeps the SESSIONID the UI hands out and sends it back. */
export function browser(base) {
  let session;
  const page = async (method, path, form) => {
    const res = await fetch(base + path, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        ...(session ? { cookie: `SESSIONID=${session}` } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form && new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    for (const cookie of res.headers.getSetCookie()) {
      session = /^SESSIONID=([^;]+)/.exec(cookie)?.[1] ?? session;
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  return { page, session: () => session };
}

const textById = (html, id) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1]?.trim();

/** Thrown by a failed step the rest of the walk depends on. */
class WalkStopped extends Error {}

/**
 * The walk from the home page to a placed order, against a UI wired to the real services.
 * `step(label, ok, detail)` records each check; a failed step the next one needs ends the walk.
 * Returns the order id, or undefined when the walk stopped.
 */
export async function shopToOrder(urls, step) {
  try {
    return await walk(urls, step);
  } catch (e) {
    if (e instanceof WalkStopped) return undefined;
    step('the walk runs to the end', false, String(e));
    return undefined;
  }
}

async function walk({ ui, catalog, carts, orders }, step) {
  const must = (label, ok, detail) => {
    if (!step(label, ok, detail)) throw new WalkStopped(label);
  };
  const shopper = browser(ui);
  const products = (await api(`${catalog}/catalogue`)).json ?? [];
  const product = products[0];
  must('the catalog container lists products', product !== undefined, `${products.length}`);
  const { id, name, price } = product;

  const home = await shopper.page('GET', '/home');
  must(
    'GET /home renders the real catalog and sets SESSIONID',
    home.status === 200 && products.some((p) => home.html.includes(p.name)) && !!shopper.session(),
    `status ${home.status}`,
  );
  const list = await shopper.page('GET', '/catalog');
  must(
    'GET /catalog links the product',
    list.status === 200 && list.html.includes(`href="/catalog/${id}"`),
    `status ${list.status}`,
  );
  const detail = await shopper.page('GET', `/catalog/${id}`);
  must(
    `GET /catalog/{id} shows ${name} at $${price}`,
    detail.status === 200 && detail.html.includes(name) && detail.html.includes(`$${price}`),
    `status ${detail.status}`,
  );
  const add = await shopper.page('POST', '/cart', { productId: id });
  must(
    'POST /cart adds it (303 → /cart)',
    add.status === 303 && add.location === '/cart',
    `status ${add.status} → ${add.location}`,
  );
  const cart = await shopper.page('GET', '/cart');
  const stored = await api(`${carts}/carts/${shopper.session()}`);
  const line = stored.json?.items?.[0];
  must(
    'GET /cart lists it, kept by the cart container under SESSIONID',
    cart.status === 200 &&
      cart.html.includes('cart-item') &&
      line?.itemId === id &&
      line?.quantity === 1,
    `status ${cart.status}, cart service ${stored.status} ${stored.text.slice(0, 120)}`,
  );
  const start = await shopper.page('GET', '/checkout');
  must(
    'GET /checkout asks for the address',
    start.status === 200 && start.html.includes('name="firstName"'),
    `status ${start.status}`,
  );
  const delivery = await shopper.page('POST', '/checkout', ADDRESS);
  const token = /name="token" value="([^"]+)"/.exec(delivery.html)?.[1];
  must(
    'POST /checkout takes the address and offers delivery options',
    delivery.status === 200 && token !== undefined,
    `status ${delivery.status}`,
  );
  const payment = await shopper.page('POST', '/checkout/delivery', { token });
  must(
    `POST /checkout/delivery takes ${token}`,
    payment.status === 200 && payment.html.includes('name="ccName"'),
    `status ${payment.status}`,
  );
  const review = await shopper.page('POST', '/checkout/payment', CARD);
  must(
    'POST /checkout/payment shows the review',
    review.status === 200 && review.html.includes('action="/checkout/confirm"'),
    `status ${review.status}`,
  );
  const done = await shopper.page('POST', '/checkout/confirm');
  const orderId = textById(done.html, 'orderId');
  must(
    'POST /checkout/confirm places the order',
    done.status === 200 && !!orderId && textById(done.html, 'orderEmail') === ADDRESS.email,
    `status ${done.status}, order ${orderId}`,
  );
  const listed = await api(`${orders}/orders`);
  const order = Array.isArray(listed.json) ? listed.json.find((o) => o.id === orderId) : undefined;
  step(
    `GET /orders on the orders container lists order ${orderId}`,
    listed.status === 200 &&
      order?.email === ADDRESS.email &&
      order?.items?.some((i) => i.productId === id && i.quantity === 1),
    `status ${listed.status}, ${listed.text.slice(0, 200)}`,
  );
  const emptied = await api(`${carts}/carts/${shopper.session()}`);
  step(
    'the cart is emptied',
    emptied.status === 200 && emptied.json?.items?.length === 0,
    emptied.text.slice(0, 120),
  );
  return orderId;
}
