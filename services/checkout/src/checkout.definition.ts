import { ValidationPipe } from '@nestjs/common';
import type { ErrorContext, ServiceDefinition } from '@retail/service-kit';
import { CHECKOUT_ERROR_STATUS } from './checkout/checkout.errors';
import type { CheckoutConfig } from './config/checkout.config';

/** Express's limit, which the reference ran with. */
const BODY_LIMIT_BYTES = 100 * 1024;

export const checkoutDefinition = (cfg: Pick<CheckoutConfig, 'logLevel'>): ServiceDefinition => ({
  name: 'checkout',
  health: { style: 'terminus', livenessPath: '/health' },
  logLevel: cfg.logLevel,
  bodyLimit: BODY_LIMIT_BYTES,
  errors: { statusByCode: CHECKOUT_ERROR_STATUS, render: renderNestError },
  // Nest's defaults, which the spec's messages come from: nothing stripped or converted (the body
  // is stored as received), every broken rule listed, as an array of messages.
  validation: {
    whitelist: false,
    transform: false,
    stopAtFirstError: false,
    exceptionFactory: new ValidationPipe().createExceptionFactory(),
  },
  openApi: {
    title: 'Checkout service',
    description: 'The checkout API',
    uiPath: 'api',
    jsonPath: 'api-json',
  },
});

/** Nest's default error body, `{statusCode, message, error}` (spec/checkout.md "Errors"). */
function renderNestError({ status, error, message, httpResponse }: ErrorContext): unknown {
  // Spec: the body-size error carries no `error` field and Express's wording.
  if (status === 413) return { statusCode: status, message: 'request entity too large' };
  if (typeof httpResponse === 'object' && 'message' in httpResponse) {
    return { statusCode: status, message: httpResponse.message, error };
  }
  return { statusCode: status, message, error };
}
