import type { ServiceDefinition } from '@retail/service-kit';
import { ASSETS_ERROR_STATUS } from './assets/assets.errors';
import type { AssetsConfig } from './config/assets.config';

export const assetsDefinition = (cfg: Pick<AssetsConfig, 'logLevel'>): ServiceDefinition => ({
  name: 'assets',
  health: { style: 'terminus', livenessPath: '/health.html' },
  logLevel: cfg.logLevel,
  // Nothing here reads a request body.
  bodyLimit: 1024,
  errors: {
    statusByCode: ASSETS_ERROR_STATUS,
    // A small text body: `404 Not Found`. The reference's nginx page said no more.
    render: ({ status, error }) => `${status} ${error}`,
  },
});
