import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface OrdersRequest {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type OrdersAnswer = (req: OrdersRequest, res: ServerResponse) => void;

/**
 * A loopback stand-in for the orders service: records every request and answers with `answer`,
 * which a test swaps to play an order placed, a failure or a hang.
 */
export class OrdersStub {
  readonly requests: OrdersRequest[] = [];
  answer: OrdersAnswer = placed('order-1');
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const seen = { method: req.method, url: req.url, headers: req.headers, body };
        if (req.url !== '/actuator/health') this.requests.push(seen);
        this.answer(seen, res);
      });
    });
  }

  static async start(): Promise<OrdersStub> {
    const stub = new OrdersStub();
    await new Promise<void>((r) => stub.server.listen(0, '127.0.0.1', r));
    return stub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** Orders' own answer to POST /orders: 200 with the saved order and its new id. */
export const placed =
  (id: string): OrdersAnswer =>
  (req, res) => {
    if (req.url === '/actuator/health') return void res.writeHead(200).end('{"status":"UP"}');
    const order = JSON.parse(req.body) as object;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ...order, id }));
  };

export const failing =
  (status: number, body: object = {}): OrdersAnswer =>
  (_, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** Accepts the request and never answers. */
export const hanging: OrdersAnswer = () => undefined;
