import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../bootstrap';
import { ServiceKitModule } from '../service-kit.module';
import { ServiceDefinition } from '../service-definition';

@Controller()
class EchoController {
  @Get('items/:id') item(@Param('id') id: string) {
    return { id };
  }
  @Post('echo') echo(@Body() body: unknown) {
    return body;
  }
}

const definition: ServiceDefinition = {
  name: 'fixture',
  health: { style: 'terminus', livenessPath: '/health' },
  logLevel: 'silent',
  errors: { render: ({ status, error, message, path }) => ({ status, error, message, path }) },
};

@Module({ controllers: [EchoController] })
class FixtureModule {}

/** `depth` arrays inside each other: `[[…]]`. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('input guards', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createApp({
      module: FixtureModule,
      imports: [ServiceKitModule.forRoot(definition)],
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('answers a URL that does not decode 400 in the service body shape', async () => {
    const res = await http().get('/items/%zz').expect(400);
    expect(res.body).toEqual({
      status: 400,
      error: 'Bad Request',
      message: "'/items/%zz' is not a valid url component",
      path: '/items/%zz',
    });
  });

  it('answers a path parameter over 100 characters 414 in the service body shape', async () => {
    const res = await http()
      .get(`/items/${'a'.repeat(101)}`)
      .expect(414);
    expect(res.body).toMatchObject({ status: 414, path: `/items/${'a'.repeat(101)}` });
  });

  it('refuses a body nested deeper than 32 levels with a 400, and takes one 32 deep', async () => {
    const post = (body: string) =>
      http().post('/echo').set('content-type', 'application/json').send(body);
    expect((await post(nested(33)).expect(400)).body).toEqual({
      status: 400,
      error: 'Bad Request',
      message: 'body nested deeper than 32 levels',
      path: '/echo',
    });
    await post(nested(5000)).expect(400);
    await post(nested(32)).expect(201);
  });
});
