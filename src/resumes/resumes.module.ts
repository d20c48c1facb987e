import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { EmbeddingsModule } from '../embeddings/embeddings.module.js';
import { SkillsModule } from '../skills/skills.module.js';
import { ResumeParser } from './parsing/resume-parser.js';
import { ResumesController } from './resumes.controller.js';
import { ResumesRepository } from './resumes.repository.js';
import { ResumesService } from './resumes.service.js';

@Module({
  imports: [
    DocumentsModule,
    EmbeddingsModule,
    SkillsModule,
    // Memory storage, capped: multer stops reading past the limit and answers 413 FILE_TOO_LARGE.
    // File names are UTF-8 (multer's default, latin1, garbled every non-ASCII name); busboy also
    // decodes RFC 5987 `filename*=UTF-8''...`.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, parts: 12, fieldSize: 64 * 1024 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [ResumesController],
  providers: [ResumesService, ResumesRepository, ResumeParser],
  exports: [ResumesRepository, ResumesService],
})
export class ResumesModule {}
