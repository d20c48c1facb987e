import { createKeyv } from '@keyv/redis';
import { CacheModule } from '@nestjs/cache-manager';
import { Logger, Module } from '@nestjs/common';
import { Keyv } from 'keyv';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { EmbeddingCache } from './embedding-cache.js';
import { EmbeddingModel } from './embedding-model.js';
import { EmbeddingService } from './embedding.service.js';
import { EmbeddingsController } from './embeddings.controller.js';
import { TransformersEmbeddingModel } from './transformers-embedding.model.js';

@Module({
  imports: [
    CacheModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // Errors are thrown (not swallowed) so EmbeddingCache can count them and fail open.
        const store = config.redisUrl
          ? createKeyv(config.redisUrl, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: config.redisConnectTimeoutMs })
          : new Keyv();
        // Keyv re-emits store errors; unhandled they would crash the process. EmbeddingCache logs outages.
        const logger = new Logger('EmbeddingCache');
        let warned = false;
        store.on('error', (error: Error) => {
          if (!warned) logger.debug(`cache store error: ${error.message}`);
          warned = true;
        });
        return { stores: [store], ttl: config.embeddingCacheTtlSeconds * 1000 };
      },
    }),
  ],
  controllers: [EmbeddingsController],
  providers: [
    // The ONE model instance of the process: every module embeds through EmbeddingService.
    TransformersEmbeddingModel,
    { provide: EmbeddingModel, useExisting: TransformersEmbeddingModel },
    EmbeddingCache,
    EmbeddingService,
  ],
  exports: [EmbeddingService, EmbeddingModel, EmbeddingCache],
})
export class EmbeddingsModule {}
