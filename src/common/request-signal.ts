import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Observable } from 'rxjs';
import { DomainError } from './domain-error.js';
import { ErrorCode } from './error-codes.js';

const requestSignals = new AsyncLocalStorage<AbortSignal>();

/**
 * The AbortSignal of the HTTP request being served (aborted when the client disconnects before the
 * answer), or undefined outside a request. Carried by AsyncLocalStorage rather than threaded through
 * every controller and service: only the embedding queue needs it, to drop a gone caller's windows.
 */
export function currentRequestSignal(): AbortSignal | undefined {
  return requestSignals.getStore();
}

/** Gives every HTTP request its AbortSignal (see currentRequestSignal). */
@Injectable()
export class RequestSignalInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const controller = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) {
        controller.abort(new DomainError(ErrorCode.REQUEST_ABORTED, 'The client closed the connection before the answer'));
      }
    });
    // next.handle() binds the handler to the async context it is called in: this one.
    return requestSignals.run(controller.signal, () => next.handle());
  }
}
