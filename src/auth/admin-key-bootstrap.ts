import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_ORGANIZATION_ID } from '../common/organization.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { ApiKeysService } from './api-keys.service.js';
import { SCOPES } from './scopes.js';

/**
 * First start: with no API key in the database, nobody could call the API. So the service creates
 * an admin key (every scope) for the default organisation and writes it to ADMIN_API_KEY_FILE,
 * readable by this user only; the log names the file, never the key.
 */
@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly keys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.keys.anyExists()) return;
    const created = await this.keys.create(DEFAULT_ORGANIZATION_ID, { name: 'admin (created at first start)', scopes: [...SCOPES] });
    const path = resolve(this.config.adminApiKeyFile);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, `${created.key}\n`, { mode: 0o600 });
    // `mode` applies only when the file is created: an older file keeps its mode otherwise.
    chmodSync(path, 0o600);
    this.logger.log(
      `No API key existed: created an admin key for the default organisation and wrote it to ${path} ` +
        `(readable by this user only). Use it as "Authorization: Bearer $(cat ${path})".`,
    );
  }
}
