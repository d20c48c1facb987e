import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import type { AuthContext } from './auth-context.js';

/** Beyond this many entries, expired ones are dropped (and all of them if none had expired). */
const MAX_ENTRIES = 10_000;

/**
 * Authenticated API keys by key hash, for API_KEY_CACHE_TTL_MS: looking a key up was a database
 * transaction on every request. Only keys that authenticated are kept (an unknown key is never
 * remembered, so guessing cannot fill it). Whatever changes a key or its organisation through this
 * process forgets it at once; another process (the admin CLI, another instance) is noticed within the TTL.
 */
@Injectable()
export class ApiKeyCache {
  private readonly entries = new Map<string, { auth: AuthContext; expiresAt: number }>();
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ttlMs = config.apiKeyCacheTtlMs;
  }

  get(keyHash: string): AuthContext | undefined {
    const entry = this.entries.get(keyHash);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return { ...entry.auth, scopes: [...entry.auth.scopes] };
    this.entries.delete(keyHash);
    return undefined;
  }

  remember(keyHash: string, auth: AuthContext): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.dropExpired();
    this.entries.set(keyHash, { auth: { ...auth, scopes: [...auth.scopes] }, expiresAt: Date.now() + this.ttlMs });
  }

  forgetKey(keyHash: string): void {
    this.entries.delete(keyHash);
  }

  /** Every key of the organisation: its settings (rate limit) changed, or it is gone. */
  forgetOrganization(organizationId: string): void {
    for (const [hash, entry] of this.entries) if (entry.auth.organizationId === organizationId) this.entries.delete(hash);
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [hash, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(hash);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }
}
