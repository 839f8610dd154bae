import type { SpringError } from '@retail/contracts';
import type { ServiceDefinition } from '@retail/service-kit';
import type { OrdersConfig } from './config/orders.config';
import { ORDERS_ERROR_STATUS } from './orders/orders.errors';

/** Spring's `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in UTC: `2024-05-01T12:00:00.000+00:00`. */
const springTimestamp = () => new Date().toISOString().replace('Z', '+00:00');

export const ordersDefinition = (cfg: Pick<OrdersConfig, 'logLevel'>): ServiceDefinition => ({
  name: 'orders',
  health: { style: 'spring', components: 'always' },
  logLevel: cfg.logLevel,
  errors: {
    statusByCode: ORDERS_ERROR_STATUS,
    render: ({ status, error, path, message }): SpringError => ({
      timestamp: springTimestamp(),
      status,
      error,
      path,
      message,
    }),
  },
  openApi: {
    title: 'Orders API',
    description: 'Orders of the retail store; each new one is announced as an OrderCreatedEvent',
    uiPath: 'swagger-ui',
    jsonPath: 'v3/api-docs',
  },
});
