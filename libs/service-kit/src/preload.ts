// The first import of every service's main.ts (`@retail/service-kit/preload`), before anything
// else loads Nest. Tests do without it: it only saves memory and start-up time.
import 'reflect-metadata';
import { withDeferredDateFormat } from './runtime/deferred-date-format';

// A require, not an import: it has to run inside the call, after the line above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
withDeferredDateFormat(() => require('@nestjs/common') as unknown);
