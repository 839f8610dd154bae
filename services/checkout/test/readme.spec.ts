import path from 'node:path';
import { declaredEnvVars, documentedEnvVars } from '@retail/testing';
import { CheckoutEnv } from '../src/config/checkout.config';

describe('services/checkout/README.md', () => {
  it('documents exactly the variables the config reads', () => {
    const documented = documentedEnvVars(path.join(__dirname, '../README.md'));
    expect([...documented].sort()).toEqual(declaredEnvVars(CheckoutEnv).sort());
  });
});
