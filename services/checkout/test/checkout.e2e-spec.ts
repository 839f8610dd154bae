import { documentOfBuiltService } from '@retail/testing';
import { startCheckout } from './app';
import { describeCheckoutApi } from './checkout-api.suite';

describeCheckoutApi('in memory', () => ({}));

it('serves the same OpenAPI document once built: dist runs the real @nestjs/swagger', async () => {
  const app = await startCheckout();
  const fromSource = (await app.inject({ url: '/api-json' })).json<unknown>();
  await app.close();
  expect(await documentOfBuiltService('checkout', '/api-json')).toEqual(fromSource);
});
