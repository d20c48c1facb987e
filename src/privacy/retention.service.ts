import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { ResumesRepository } from '../resumes/resumes.repository.js';
import { ErasureService } from './erasure.service.js';

/**
 * Storage limitation: resumes older than their organisation's `retentionDays` are erased at start-up
 * and every RETENTION_INTERVAL_MS. What to erase is read from the data on each run (created_at vs
 * the setting), so nothing is lost across restarts, and several instances may run it at once.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly resumes: ResumesRepository,
    private readonly erasure: ErasureService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retentionIntervalMs <= 0) return;
    // Not awaited: start-up does not wait for a purge.
    void this.runQuietly();
    this.timer = setInterval(() => void this.runQuietly(), this.config.retentionIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Erases every expired resume now; returns how many. One run at a time per instance. */
  purgeExpired(): Promise<number> {
    this.running ??= this.purge().finally(() => (this.running = null));
    return this.running;
  }

  private async purge(): Promise<number> {
    const erased = await this.resumes.purgeExpired();
    if (!erased.length) return 0;
    await this.erasure.forgetDerived(erased);
    const perOrganization = new Map<string, number>();
    for (const row of erased) perOrganization.set(row.organizationId, (perOrganization.get(row.organizationId) ?? 0) + 1);
    for (const [organizationId, resumes] of perOrganization) {
      await this.audit.record({
        organizationId,
        keyId: null,
        action: 'retention.purge',
        resourceType: 'resume',
        details: { resumesErased: resumes },
      });
    }
    this.logger.log(`Retention: erased ${erased.length} resumes past their organisation's retention period`);
    return erased.length;
  }

  private async runQuietly(): Promise<void> {
    try {
      await this.purgeExpired();
    } catch (error) {
      this.logger.warn(`Retention purge failed: ${(error as Error).message}`);
    }
  }
}
