import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * The drain before shutdown. On SIGTERM readiness turns 503 at once, so the load balancer (a
 * Kubernetes Service) stops sending new requests, while the server keeps answering for
 * SHUTDOWN_DRAIN_MS: requests already routed here, or routed before the endpoint update reached
 * every node, still succeed. main.ts then closes the server (in-flight requests finish) and the pools.
 */
@Injectable()
export class ShutdownDrain {
  private startedAt: number | null = null;

  get draining(): boolean {
    return this.startedAt !== null;
  }

  begin(): void {
    this.startedAt ??= Date.now();
  }

  /** Express middleware: while draining, responses ask clients not to reuse the connection. */
  readonly connectionCloseWhileDraining = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) res.setHeader('Connection', 'close');
    next();
  };
}
