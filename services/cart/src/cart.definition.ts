import { renderSpringError, type ServiceDefinition } from '@retail/service-kit';
import { CART_ERROR_STATUS } from './carts/carts.errors';
import type { CartConfig } from './config/cart.config';

export const cartDefinition = (cfg: Pick<CartConfig, 'logLevel'>): ServiceDefinition => ({
  name: 'cart',
  // Spring's readiness, as the reference was configured: components only named when one is down.
  health: { style: 'spring', components: 'when-down' },
  logLevel: cfg.logLevel,
  errors: {
    statusByCode: CART_ERROR_STATUS,
    render: renderSpringError,
  },
  openApi: {
    title: 'Carts API',
    description: 'Shopping carts of the retail store, one per customer',
    uiPath: 'swagger-ui',
    jsonPath: 'v3/api-docs',
  },
});
