import { Module } from '@nestjs/common';
import { ExplanationService } from './explanation.service.js';

@Module({ providers: [ExplanationService], exports: [ExplanationService] })
export class ExplanationModule {}
