import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { HealthModule } from '../health/health.module.js';
import { ResumesModule } from '../resumes/resumes.module.js';
import { BoundedMemoryStorage } from './bulk-upload.js';
import { DatabaseIngestByteStore, DirectoryIngestByteStore, IngestByteStore } from './ingest-byte-store.js';
import { IngestFileProcessor } from './ingest-file.processor.js';
import { IngestController } from './ingest.controller.js';
import { IngestRepository } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';

@Module({
  imports: [
    ResumesModule,
    HealthModule,
    // Memory storage bounded per request (files, total bytes) and per file (multer's fileSize: 413 FILE_TOO_LARGE);
    // UTF-8 file names as for the single upload.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: new BoundedMemoryStorage({ maxEntries: config.ingestMaxFiles, maxRequestBytes: config.ingestMaxTotalBytes }),
        // One more file than allowed reaches the storage, which answers TOO_MANY_FILES.
        limits: {
          fileSize: config.maxUploadBytes,
          files: config.ingestMaxFiles + 1,
          fields: 10,
          parts: config.ingestMaxFiles + 11,
          fieldSize: 1024 * 1024,
        },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [IngestController],
  providers: [
    IngestService,
    IngestRepository,
    IngestFileProcessor,
    {
      // INGEST_BYTES_DIR set: a directory shared by every process; unset: the database.
      provide: IngestByteStore,
      inject: [APP_CONFIG, IngestRepository],
      useFactory: async (config: AppConfig, repository: IngestRepository): Promise<IngestByteStore> => {
        if (!config.ingestBytesDir) return new DatabaseIngestByteStore(repository);
        const store = new DirectoryIngestByteStore(config.ingestBytesDir, repository);
        await store.prepare();
        return store;
      },
    },
  ],
  // The erasure of an organisation removes its waiting bytes.
  exports: [IngestByteStore],
})
export class IngestModule {}
