import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminKeyBootstrap } from './admin-key-bootstrap.js';
import { ApiKeyCache } from './api-key-cache.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';

/** API keys and organisations; the global guard every request passes (401/403, `request.auth`). */
@Global()
@Module({
  controllers: [OrganizationsController, ApiKeysController],
  providers: [ApiKeyCache, ApiKeysService, OrganizationsService, AdminKeyBootstrap, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeysService, OrganizationsService],
})
export class AuthModule {}
