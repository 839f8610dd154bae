import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type ValidatorFactory = NonNullable<CompilersFactory['buildValidator']>;
type SerializerFactory = NonNullable<CompilersFactory['buildSerializer']>;

// fastify's dependencies, not ours: resolved from its folder, wherever npm placed them.
const fromFastify = createRequire(require.resolve('fastify'));

/**
 * Fastify builds its JSON-schema compilers (ajv and fast-json-stringify) as it starts, but no
 * route of ours declares a Fastify schema (Nest validates DTOs), so these load them the first
 * time one does: about 45 ms of start-up and 90 modules less in every service.
 */
export const lazySchemaCompilers: CompilersFactory = {
  buildValidator: ((...args: Parameters<ValidatorFactory>) =>
    (fromFastify('@fastify/ajv-compiler') as () => ValidatorFactory)()(
      ...args,
    )) as ValidatorFactory,
  buildSerializer: ((...args: Parameters<SerializerFactory>) =>
    (fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerFactory)()(
      ...args,
    )) as SerializerFactory,
};
