import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EmbeddingsModule } from '../embeddings/embeddings.module.js';
import { HealthController } from './health.controller.js';
import { HealthIndicators } from './health-indicators.js';
import { ShutdownDrain } from './shutdown-drain.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), EmbeddingsModule],
  controllers: [HealthController],
  providers: [HealthIndicators, ShutdownDrain],
  exports: [ShutdownDrain],
})
export class HealthModule {}
