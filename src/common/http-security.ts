import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config.js';

/**
 * Security headers (helmet) and CORS. helmet's default CSP already lets Swagger UI at /api/docs
 * run (its scripts are same-origin files, its styles partly inline, its icons data: URIs), except
 * for `upgrade-insecure-requests`, which breaks the UI when it is served over plain http
 * (`npm start` on a LAN address): HTTPS is the reverse proxy's job here.
 */
export function applyHttpSecurity(app: INestApplication, config: Pick<AppConfig, 'corsOrigins'>): void {
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  // Closed by default: without an allow-list no browser page on another origin may call the API.
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
      maxAge: 600,
    });
  }
}
