import { buildService, packagesLoadedByBuiltService } from '@retail/testing';
import { startDynalite, type Dynalite, cartDbEnv } from '@retail/testing/backends';

describe('the built cart loads the AWS SDK only for DynamoDB', () => {
  let main: string;
  beforeAll(() => {
    main = buildService('cart');
  });

  it('in memory, never', async () => {
    const loaded = await packagesLoadedByBuiltService(
      main,
      { LOG_LEVEL: 'silent' },
      '/actuator/health',
    );
    expect([...loaded].filter((p) => p.startsWith('@aws-sdk/'))).toEqual([]);
    expect(loaded).toContain('@nestjs/core');
  });

  it('on DynamoDB, yes', async () => {
    const dynamo: Dynalite = await startDynalite();
    try {
      const loaded = await packagesLoadedByBuiltService(
        main,
        { LOG_LEVEL: 'silent', ...cartDbEnv(dynamo.endpoint, 'carts') },
        '/actuator/health',
      );
      expect(loaded).toContain('@aws-sdk/client-dynamodb');
    } finally {
      await dynamo.close();
    }
  });
});
