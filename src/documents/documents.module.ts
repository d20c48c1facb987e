import { Module } from '@nestjs/common';
import { DocumentProcessor } from './document-processor.js';

@Module({ providers: [DocumentProcessor], exports: [DocumentProcessor] })
export class DocumentsModule {}
