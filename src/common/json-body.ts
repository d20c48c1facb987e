import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import type { AppConfig } from '../config/app-config.js';
import { ApiErrorBody } from './api-error.js';
import { requestIdOf } from './api-request.js';
import { ErrorCode } from './error-codes.js';
import { scanJsonStructure } from './request-shape.js';

/** Routes that carry many texts or ids per request and get JSON_BULK_BODY_LIMIT_BYTES. */
export const BULK_JSON_ROUTES = ['/api/v1/embeddings/batch', '/api/v1/matching/batch'];

/**
 * The JSON (and urlencoded) body parsers with their limits, a depth/key-count check on the raw bytes, and an error
 * handler that answers parser errors in the API's one shape without echoing the parser's message
 * (it quotes request bytes). Express middleware: runs before Nest's pipes and filters.
 */
export function jsonBodyMiddleware(config: AppConfig): Array<[string | null, express.RequestHandler | express.ErrorRequestHandler]> {
  const limits = { maxDepth: config.jsonMaxDepth, maxKeys: config.jsonMaxKeys };
  // Runs on the raw bytes before JSON.parse: a body of 100k keys is refused without being parsed.
  const verify = (_req: unknown, _res: unknown, bytes: Buffer, encoding: string): void => {
    if (encoding.toLowerCase() !== 'utf-8') throw Object.assign(new Error('charset'), { status: 415, type: 'charset.unsupported' });
    const problem = scanJsonStructure(bytes, limits);
    if (problem) throw Object.assign(new Error(problem), { status: 400, type: `body.${problem}` });
  };
  // body-parser skips a request whose body an earlier parser already read, so the bulk parser goes first.
  const bulk = express.json({ limit: config.jsonBulkBodyLimitBytes, verify });
  const small = express.json({ limit: config.jsonBodyLimitBytes, verify });
  const form = express.urlencoded({ limit: config.jsonBodyLimitBytes, extended: false, parameterLimit: config.jsonMaxKeys });
  const errors = (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    const type = (error as { type?: unknown }).type;
    if (type === 'body.too-deep' || type === 'body.too-many-keys') {
      const message =
        type === 'body.too-deep'
          ? `The body nests deeper than ${config.jsonMaxDepth} levels`
          : `The body holds more than ${config.jsonMaxKeys} keys and array items`;
      return send(req, res, { statusCode: 400, code: ErrorCode.BODY_TOO_COMPLEX, message });
    }
    if (type === 'entity.too.large') {
      return send(req, res, { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large' });
    }
    if (type === 'entity.parse.failed') {
      return send(req, res, { statusCode: 400, code: ErrorCode.MALFORMED_JSON, message: 'The request body is not valid JSON' });
    }
    if (typeof type === 'string') {
      // encoding.unsupported, charset.unsupported, request.aborted, parameters.too.many, ...
      const status = (error as { status?: number }).status ?? 400;
      const code =
        status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : status === 415 ? ErrorCode.UNSUPPORTED_MEDIA_TYPE : ErrorCode.VALIDATION_FAILED;
      return send(req, res, { statusCode: status, code, message: 'The request body cannot be read' });
    }
    next(error);
  };
  return [...BULK_JSON_ROUTES.map((route): [string, express.RequestHandler] => [route, bulk]), [null, small], [null, form], [null, errors]];
}

function send(req: Request, res: Response, body: ApiErrorBody): void {
  if (res.headersSent) return;
  // Answered here, not by the exception filter: the request id goes in like the filter puts it.
  res.status(body.statusCode).json({ ...body, requestId: requestIdOf(req) });
}
