import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { sha256 } from '../common/sha256.js';
import { withTimeout } from '../common/with-timeout.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';

/** After a failure the cache is bypassed this long, so an outage costs one timeout, not one per call. */
const BYPASS_AFTER_FAILURE_MS = 5_000;

/**
 * Cache-aside store for embeddings: key `embedding:<organisation id>:<sha256(model id + preprocessed text)>`
 * (per organisation, so one organisation's entries can be deleted together and no organisation can
 * tell by timing what another has embedded), value the
 * raw float32 bytes in base64 (a hit is byte-identical to what the model returned). Fails open: a
 * Redis error or timeout is a miss, logged once per outage and counted; during an outage the cache
 * is bypassed (counted too) and retried every few seconds.
 */
@Injectable()
export class EmbeddingCache implements OnModuleDestroy {
  private readonly logger = new Logger(EmbeddingCache.name);
  private outage = false;
  /**
   * Set as the application shuts down, before the cache module disconnects its store (Nest destroys
   * this module first): the store is not called again, as @keyv/redis connects anew on any call
   * after a disconnect, and that socket would keep a stopping process alive.
   */
  private closed = false;
  private bypassUntil = 0;
  readonly counters = { hits: 0, misses: 0, errors: 0, bypassed: 0 };

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // cache-manager swallows store errors on get (returns undefined) and reports them as events.
    this.cache.on('get', ({ error }: { error?: unknown }) => {
      if (error) this.recordFailure(error);
    });
  }

  onModuleDestroy(): void {
    this.closed = true;
  }

  get backend(): 'redis' | 'memory' {
    return this.config.redisUrl ? 'redis' : 'memory';
  }

  key(organizationId: string, preprocessedText: string): string {
    return `${this.organizationPrefix(organizationId)}${sha256(this.config.modelId, preprocessedText)}`;
  }

  private organizationPrefix(organizationId: string): string {
    return `embedding:${organizationId}:`;
  }

  /** Deletes entries (erasure); true when the cache answered. */
  async delete(keys: string[]): Promise<boolean> {
    if (!keys.length) return true;
    return this.guard(async () => {
      await this.cache.mdel(keys);
      return true;
    }, false);
  }

  /**
   * Deletes every entry of an organisation (organisation deleted): walks the store's keys with the
   * organisation's prefix (Redis SCAN through keyv's iterator; the memory store's Map). Returns how many.
   */
  async deleteOrganization(organizationId: string): Promise<number> {
    const prefix = this.organizationPrefix(organizationId);
    let deleted = 0;
    if (this.closed) return deleted;
    try {
      for (const store of this.cache.stores) {
        if (typeof store.iterator !== 'function') continue;
        const keys: string[] = [];
        for await (const [key] of store.iterator(undefined) as AsyncGenerator<[string, unknown]>) {
          if (typeof key === 'string' && key.startsWith(prefix)) keys.push(key);
        }
        if (keys.length) await store.deleteMany(keys);
        deleted += keys.length;
      }
    } catch (error) {
      // The rows are gone already; what the cache still holds expires with its TTL.
      this.logger.warn(`Could not delete the cached embeddings of organisation ${organizationId}: ${(error as Error).message}`);
    }
    return deleted;
  }

  async get(key: string): Promise<Float32Array | null> {
    const stored = await this.guard(() => this.cache.get<string>(key), undefined);
    if (typeof stored !== 'string') {
      this.counters.misses++;
      return null;
    }
    this.counters.hits++;
    const bytes = Buffer.from(stored, 'base64');
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  async set(key: string, vector: Float32Array): Promise<void> {
    const encoded = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
    await this.guard(() => this.cache.set(key, encoded, this.config.embeddingCacheTtlSeconds * 1000), undefined);
  }

  /** Round trip used by the health indicator; throws when the cache does not answer. */
  async ping(): Promise<void> {
    const key = 'health:ping';
    if (this.closed) throw new Error('the cache is closed: the application is shutting down');
    await withTimeout(this.cache.set(key, '1', 5_000), this.config.cacheTimeoutMs);
    if ((await withTimeout(this.cache.get<string>(key), this.config.cacheTimeoutMs)) !== '1') {
      throw new Error('cache round trip returned nothing');
    }
  }

  private async guard<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
    if (this.closed) return fallback;
    if (Date.now() < this.bypassUntil) {
      this.counters.bypassed++;
      return fallback;
    }
    const errorsBefore = this.counters.errors;
    try {
      // A slow or dead cache must never slow a request more than CACHE_TIMEOUT_MS.
      const result = await withTimeout(operation(), this.config.cacheTimeoutMs);
      if (this.counters.errors !== errorsBefore) return fallback;
      if (this.outage) {
        this.outage = false;
        this.logger.log(`Embedding cache (${this.backend}) is answering again`);
      }
      return result;
    } catch (error) {
      this.recordFailure(error);
      return fallback;
    }
  }

  private recordFailure(error: unknown): void {
    this.counters.errors++;
    this.bypassUntil = Date.now() + BYPASS_AFTER_FAILURE_MS;
    if (!this.outage) {
      this.outage = true;
      this.logger.warn(`Embedding cache (${this.backend}) failed, continuing without it: ${(error as Error).message}`);
    }
  }
}
