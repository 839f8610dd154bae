import path from 'node:path';
import { declaredEnvVars, documentedEnvVars } from '@retail/testing';
import { OrdersEnv } from '../src/config/orders.config';

describe('services/orders/README.md', () => {
  it('documents exactly the variables the config reads', () => {
    const documented = documentedEnvVars(path.join(__dirname, '../README.md'));
    expect([...documented].sort()).toEqual(declaredEnvVars(OrdersEnv).sort());
  });
});
