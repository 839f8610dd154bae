import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, Get, Headers, Inject, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import request from 'supertest';
import { createApp } from '../bootstrap';
import { ServiceKitModule } from '../service-kit.module';
import { APP_LOGGER, ServiceDefinition } from '../service-definition';
import type { AppLogger } from './logger';

class Login {
  @IsString() user!: string;
  @IsString() password!: string;
}

@Controller()
class LoggingController {
  constructor(@Inject(APP_LOGGER) private readonly logger: AppLogger) {}

  @Post('orders') create(@Body() body: Login): { ok: true } {
    // A business line written while a request with a body is handled.
    this.logger.info({ user: body.user }, 'order created');
    return { ok: true };
  }
  @Post('login') login(@Body() body: Login, @Headers() headers: Record<string, string>): string {
    const issued = { headers: { 'set-cookie': 'SESSIONID=issued-session' } };
    this.logger.info({ body, headers, answer: issued }, 'login attempt');
    return 'ok';
  }
  @Get('boom') boom(): never {
    throw new Error('kaput');
  }
  @Get('health') health(): string {
    return 'OK';
  }
}

const lines: Array<Record<string, unknown>> = [];
const destination = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

const definition: ServiceDefinition = {
  name: 'logging',
  health: { style: 'terminus', livenessPath: '/health' },
  logDestination: destination,
  errors: { render: ({ status, message }) => ({ status, message }) },
};

@Module({ controllers: [LoggingController] })
class LoggingModule {}

describe('logs of a service built with the kit', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const linesOf = (reqId: string) => lines.filter((l) => l.reqId === reqId);

  beforeAll(async () => {
    app = await createApp({
      module: LoggingModule,
      imports: [ServiceKitModule.forRoot(definition)],
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('writes the access line with request id, method, path, status and duration', async () => {
    await http().get('/health?probe=1').expect(200);
    await http().get('/nowhere?q=a').set('x-request-id', 'req-access').expect(404);
    expect(linesOf('req-access').filter((l) => l.msg === 'request')).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'logging',
        reqId: 'req-access',
        method: 'GET',
        path: '/nowhere?q=a',
        status: 404,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('does not access-log the quiet routes', async () => {
    await http().get('/health').set('x-request-id', 'req-quiet').expect(200);
    await http().get('/health/').set('x-request-id', 'req-quiet').expect(200);
    expect(linesOf('req-quiet')).toEqual([]);
  });

  it('ties a business line of a request with a body to its access line', async () => {
    await http()
      .post('/orders')
      .set('x-request-id', 'req-order')
      .send({ user: 'ann', password: 'pw' })
      .expect(201);
    expect(linesOf('req-order').map((l) => l.msg)).toEqual(['order created', 'request']);
  });

  it('ties the error filter line of a failed request to its access line', async () => {
    await http().get('/boom').set('x-request-id', 'req-boom').expect(500);
    expect(linesOf('req-boom').map((l) => [l.level, l.msg])).toEqual([
      ['error', 'unhandled error'],
      ['info', 'request'],
    ]);
  });

  it('generates a request id when the client sends none or an unusable one', async () => {
    await http().get('/boom').set('x-request-id', 'no spaces allowed').expect(500);
    const [error, access] = lines.slice(-2);
    expect(access.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.reqId).toBe(access.reqId);
  });

  it('redacts credentials: Authorization, Cookie and Set-Cookie headers and password fields', async () => {
    await http()
      .post('/login')
      .set('x-request-id', 'req-login')
      .set('authorization', 'Bearer top-secret-token')
      .set('cookie', 'SESSIONID=secret-session')
      .send({ user: 'ann', password: 'hunter2' })
      .expect(201);
    await http()
      .get('/boom')
      .set('x-request-id', 'req-login-failed')
      .set('authorization', 'Basic c2VjcmV0')
      .expect(500);
    const logged = JSON.stringify([...linesOf('req-login'), ...linesOf('req-login-failed')]);
    for (const secret of [
      'top-secret-token',
      'secret-session',
      'issued-session',
      'hunter2',
      'c2VjcmV0',
    ]) {
      expect(logged).not.toContain(secret);
    }
    const attempt = linesOf('req-login').find((l) => l.msg === 'login attempt');
    expect(attempt).toMatchObject({
      body: { user: 'ann', password: '[redacted]' },
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      answer: { headers: { 'set-cookie': '[redacted]' } },
    });
    expect(linesOf('req-login-failed').find((l) => l.msg === 'request')).toMatchObject({
      status: 500,
      headers: { authorization: '[redacted]' },
    });
  });

  it('logs a client that hangs up mid-body as an aborted request, not as an error', async () => {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /orders HTTP/1.1\r\nhost: x\r\nx-request-id: req-hangup\r\n' +
        'content-type: application/json\r\ncontent-length: 100\r\n\r\n{"user":',
    );
    await sleep(100);
    socket.destroy();
    await sleep(200);
    const logged = linesOf('req-hangup');
    expect(logged.filter((l) => l.level !== 'info' && l.level !== 'debug')).toEqual([]);
    expect(logged).toEqual([
      expect.objectContaining({ msg: 'request aborted', method: 'POST', path: '/orders' }),
    ]);
  });
});
