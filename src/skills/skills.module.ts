import { Module } from '@nestjs/common';
import { SkillExtractor } from './skill-extractor.js';

/** Provides the shared, dictionary-backed SkillExtractor (the dictionary is loaded once). */
@Module({
  providers: [{ provide: SkillExtractor, useFactory: () => SkillExtractor.shared() }],
  exports: [SkillExtractor],
})
export class SkillsModule {}
