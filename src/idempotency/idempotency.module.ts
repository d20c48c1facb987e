import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency.store.js';

/**
 * Idempotency-Key on every POST route (global interceptor). Global module: routes that take files
 * list IdempotencyInterceptor after their multer interceptor, and their modules resolve it from here.
 */
@Global()
@Module({
  providers: [IdempotencyStore, IdempotencyInterceptor, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
