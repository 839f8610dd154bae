import { renderSpringError, type ServiceDefinition } from '@retail/service-kit';
import type { OrdersConfig } from './config/orders.config';
import { ORDERS_ERROR_STATUS } from './orders/orders.errors';

export const ordersDefinition = (cfg: Pick<OrdersConfig, 'logLevel'>): ServiceDefinition => ({
  name: 'orders',
  health: { style: 'spring', components: 'always' },
  logLevel: cfg.logLevel,
  errors: {
    statusByCode: ORDERS_ERROR_STATUS,
    render: renderSpringError,
  },
  openApi: {
    title: 'Orders API',
    description: 'Orders of the retail store; each new one is announced as an OrderCreatedEvent',
    uiPath: 'swagger-ui',
    jsonPath: 'v3/api-docs',
  },
});
