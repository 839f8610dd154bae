import type { CatalogError } from '@retail/contracts';
import type { ServiceDefinition } from '@retail/service-kit';
import type { CatalogConfig } from './config/catalog.config';
import { CATALOG_ERROR_STATUS } from './products/products.errors';

export const catalogDefinition = (cfg: Pick<CatalogConfig, 'logLevel'>): ServiceDefinition => ({
  name: 'catalog',
  health: { style: 'terminus', livenessPath: '/health' },
  logLevel: cfg.logLevel,
  errors: {
    statusByCode: CATALOG_ERROR_STATUS,
    render: ({ status, message }): CatalogError => ({ code: status, message }),
  },
  openApi: {
    title: 'Catalog API',
    description: 'Products and tags of the retail store',
    uiPath: 'swagger',
    jsonPath: 'swagger/doc.json',
  },
});
