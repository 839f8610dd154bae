import path from 'node:path';
import { declaredEnvVars, documentedEnvVars } from '@retail/testing';
import { CatalogEnv } from '../src/config/catalog.config';

describe('services/catalog/README.md', () => {
  it('documents exactly the variables the config reads', () => {
    const documented = documentedEnvVars(path.join(__dirname, '../README.md'));
    expect([...documented].sort()).toEqual(declaredEnvVars(CatalogEnv).sort());
  });
});
