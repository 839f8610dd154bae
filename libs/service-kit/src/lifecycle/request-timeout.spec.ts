import { connect } from 'node:net';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../bootstrap';
import { ServiceKitModule } from '../service-kit.module';

@Controller()
class EchoController {
  @Post('echo') echo(@Body() body: unknown): unknown {
    return body;
  }
}

const kit = ServiceKitModule.forRoot({
  name: 'timeouts',
  health: { style: 'terminus', livenessPath: '/health' },
  logLevel: 'silent',
  errors: { render: ({ status, message }) => ({ status, message }) },
});

@Module({ controllers: [EchoController] })
class EchoModule {}

/** Sends `head` and a part of a body, then nothing; resolves with what the server answered. */
function sendSlowly(port: number, head: string): Promise<{ answer: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms: performance.now() - started }));
    // Past this the server has not timed the request out at all.
    setTimeout(() => socket.destroy(), 8_000).unref();
  });
}

describe('HTTP_REQUEST_TIMEOUT_SECONDS', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    process.env.HTTP_REQUEST_TIMEOUT_SECONDS = '1';
    app = await createApp({ module: EchoModule, imports: [kit] });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(async () => {
    delete process.env.HTTP_REQUEST_TIMEOUT_SECONDS;
    await app.close();
  });

  it('answers 408 and closes a connection whose body does not arrive in time', async () => {
    const { answer, ms } = await sendSlowly(
      port,
      'POST /echo HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n' +
        'content-length: 100\r\n\r\n{"a":',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(4_000);
  });

  it('answers 408 to headers that do not arrive in time', async () => {
    const { answer, ms } = await sendSlowly(port, 'POST /echo HTTP/1.1\r\nhost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(4_000);
  });
});
