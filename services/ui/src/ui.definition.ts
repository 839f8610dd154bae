import { renderSpringError, type ServiceDefinition } from '@retail/service-kit';
import type { UiConfig } from './config/ui.config';
import { UiErrorFilter } from './web/ui-error.filter';

/** The ui's kit settings. UiErrorFilter answers errors: HTML pages, or `render`'s JSON. */
export const uiDefinition = (cfg: Pick<UiConfig, 'logLevel'>): ServiceDefinition => ({
  name: 'ui',
  health: { style: 'spring', components: 'always' },
  logLevel: cfg.logLevel,
  // Forms are a few hundred bytes; nothing legitimate comes near this.
  bodyLimit: 64 * 1024,
  errors: {
    filter: UiErrorFilter,
    // Spring's error shape (spec/ui.md §9), plus the message.
    render: renderSpringError,
  },
});
