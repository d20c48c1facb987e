import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type LevelWithSilent } from 'pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import { ApiRequest, requestIdOf, routePattern } from '../common/api-request.js';
import type { AppConfig } from '../config/app-config.js';
import { loggableError, redactUrl, resolveRequestId } from './log-redaction.js';

/** Where logs go and how much: stdout at LOG_LEVEL unless a test says otherwise. */
export interface LogOutput {
  stream?: DestinationStream;
  level?: LevelWithSilent;
}

const PINO_LEVELS: Record<AppConfig['logLevel'], LevelWithSilent> = { debug: 'debug', log: 'info', warn: 'warn', error: 'error' };

/** 5xx (and failed responses) are errors with their stack; a 4xx is the client's mistake: a warning, no stack. */
export function requestLogLevel(statusCode: number, error?: unknown): LevelWithSilent {
  if (error || statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'warn' : 'info';
}

/** Who and what a request was about, as far as known: the route pattern, organisation and API key ids. */
function requestIdentity(req: IncomingMessage): Record<string, string> {
  const request = req as ApiRequest;
  const route = routePattern(request);
  return {
    ...(route ? { route } : {}),
    ...(request.auth ? { organizationId: request.auth.organizationId, keyId: request.auth.keyId } : {}),
  };
}

/**
 * pino-http for every request: one JSON line when the response is done (method, route pattern, status,
 * ms, request id, organisation and key ids) and a request-scoped logger for everything logged meanwhile
 * (carrying the request id). Bodies, headers and personal query values are never logged.
 */
export function createRequestLogger(config: AppConfig, output: LogOutput = {}): HttpLogger {
  const options: Options = {
    level: output.level ?? PINO_LEVELS[config.logLevel],
    timestamp: pino.stdTimeFunctions.isoTime,
    // Defence in depth: the serializers below never emit headers, but nothing that does may leak a key.
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { raw: IncomingMessage }) => ({
        id: requestIdOf(req.raw as ApiRequest),
        method: req.raw.method,
        url: redactUrl((req.raw as ApiRequest).originalUrl ?? req.raw.url ?? ''),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (error: { raw?: unknown }) => loggableError(error.raw ?? error),
    },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = resolveRequestId(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Logs made while serving a request carry its id; the request itself is described once, on the last line.
    quietReqLogger: true,
    customAttributeKeys: { responseTime: 'ms' },
    customLogLevel: (_req, res, error) => requestLogLevel(res.statusCode, error),
    customProps: (req) => requestIdentity(req),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  };
  return output.stream ? pinoHttp(options, output.stream) : pinoHttp(options);
}
