import type { SpringError } from '@retail/contracts';
import type { ServiceDefinition } from '@retail/service-kit';
import { CART_ERROR_STATUS } from './carts/carts.errors';
import type { CartConfig } from './config/cart.config';

/** Spring Boot's timestamp: ISO 8601 with milliseconds and a numeric offset. */
const springTimestamp = (date: Date): string => date.toISOString().replace('Z', '+00:00');

export const cartDefinition = (cfg: Pick<CartConfig, 'logLevel'>): ServiceDefinition => ({
  name: 'cart',
  // Spring's readiness, as the reference was configured: components only named when one is down.
  health: { style: 'spring', components: 'when-down' },
  logLevel: cfg.logLevel,
  errors: {
    statusByCode: CART_ERROR_STATUS,
    // Spring's default error body, plus the `message` it hides by default, naming what was wrong.
    render: ({ status, error, path, message }): SpringError => ({
      timestamp: springTimestamp(new Date()),
      status,
      error,
      path,
      message,
    }),
  },
  openApi: {
    title: 'Carts API',
    description: 'Shopping carts of the retail store, one per customer',
    uiPath: 'swagger-ui',
    jsonPath: 'v3/api-docs',
  },
});
