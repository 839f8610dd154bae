import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { LoggerModule, Params, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';

/**
 * What services log through: nestjs-pino's PinoLogger, which writes with the logger of the
 * request being handled (so every line carries its `reqId`) and with the root logger otherwise.
 */
export type AppLogger = Pick<PinoLogger, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'>;

export interface LogSettings {
  service: string;
  /** pino level; `silent` in tests. */
  level?: string;
  /** stdout (synchronous, so the last lines before an exit are never lost) unless a test passes one. */
  destination?: pino.DestinationStream;
  /** Paths whose requests are not access-logged (health probes). */
  quietPaths?: readonly string[];
}

// Credentials never reach the logs, wherever a line carries headers or a submitted form: each key
// at the top level and up to two levels down (`headers.cookie`, `res.headers["set-cookie"]`).
const SECRETS = ['.password', '.secret', '.authorization', '.cookie', '["set-cookie"]'];
const REDACTED = SECRETS.flatMap((key) => [key.replace(/^\./, ''), `*${key}`, `*.*${key}`]);

/** One JSON object per line, which CloudWatch (awslogs) and `npm start` both read. */
function loggerOptions({ service, level = 'info' }: LogSettings): pino.LoggerOptions {
  return {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED, censor: '[redacted]' },
  };
}

/** A plain pino logger with the services' options, for code that runs outside a Nest app. */
export function createLogger(
  service: string,
  level?: string,
  destination?: pino.DestinationStream,
): pino.Logger {
  const options = loggerOptions({ service, level });
  return destination ? pino(options, destination) : pino(options);
}

type MountedRequest = IncomingMessage & { originalUrl?: string };

const pathOf = (url = '/'): string => url.split('?')[0].replace(/(.)\/+$/, '$1');

/**
 * The access line: request id, method, path, status and duration. A client that hung up before
 * its answer was written is logged as an aborted request, not as a failure of the service.
 */
function accessLog(quietPaths: readonly string[]): Options {
  const quiet = new Set(quietPaths);
  const fields = (req: IncomingMessage, res: ServerResponse, durationMs: number) => ({
    method: req.method,
    path: (req as MountedRequest).originalUrl ?? req.url,
    status: res.statusCode,
    durationMs,
    ...(res.writableFinished ? {} : { aborted: true }),
  });
  return {
    // pino-http binds each request's logger to the request under `customAttributeKeys.req`: named
    // `reqId` and serialized to the id alone, that one binding is what every line of the request
    // carries. (The quiet options would bind a second logger for the id, per request.)
    customAttributeKeys: { req: 'reqId' },
    wrapSerializers: false,
    serializers: { reqId: (req: IncomingMessage) => req.id, err: pino.stdSerializers.err },
    // Nest runs this as middleware, whose `url` is relative to its mount point: the request's
    // own is kept as `originalUrl`.
    autoLogging: { ignore: (req) => quiet.has(pathOf((req as MountedRequest).originalUrl)) },
    customSuccessObject: (req, res, { responseTime }: { responseTime: number }) =>
      fields(req, res, responseTime),
    customErrorObject: (req, res, _error, { responseTime }: { responseTime: number }) =>
      // A failed request's headers help reproduce it; credentials among them are redacted.
      ({ ...fields(req, res, responseTime), headers: req.headers }),
    customSuccessMessage: (_req, res) => (res.writableFinished ? 'request' : 'request aborted'),
    customErrorMessage: () => 'request',
  };
}

// Reads nestjs-pino's request-scoped logger; any instance does, so the last one made serves.
let scoped: PinoLogger | undefined;

/**
 * The id of the request being handled (as its log lines carry it), or undefined outside one:
 * what the clients pass on as `x-request-id`.
 */
export function currentRequestId(): string | undefined {
  const id: unknown = scoped?.logger.bindings().reqId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * nestjs-pino's module for a service: pino-http writes the access line and binds each request's
 * logger, and `logger` is a PinoLogger that writes with it (see `AppLogger`).
 */
export function loggerModule(settings: LogSettings): {
  module: DynamicModule;
  logger: AppLogger;
} {
  const options: Options = { ...loggerOptions(settings), ...accessLog(settings.quietPaths ?? []) };
  const params: Params = {
    pinoHttp: settings.destination ? [options, settings.destination] : options,
  };
  scoped = new PinoLogger(params);
  return { module: LoggerModule.forRoot(params), logger: scoped };
}
