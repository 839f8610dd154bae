// The least a server can do under the orders benchmark's load, on plain node:http: keep every
// posted order (as JSON text with a new id, in a Map) and answer GET /orders/{id} from it. It
// checks nothing, so it is the bar for what keeping the orders costs, not for validation.
// GET /health answers 200 for the benchmark's readiness check. PORT from the environment.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const orders = new Map();
const send = (res, status, body) => {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
};

createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/orders') {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const id = randomUUID();
      const row = JSON.stringify({ id, ...JSON.parse(Buffer.concat(chunks).toString()) });
      orders.set(id, row);
      send(res, 200, row);
    });
    return;
  }
  if (req.url === '/health') return send(res, 200, '{}');
  const row = orders.get(req.url.slice('/orders/'.length));
  send(res, row === undefined ? 404 : 200, row ?? '{}');
}).listen(Number(process.env.PORT), '127.0.0.1');
