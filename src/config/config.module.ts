import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, loadConfig } from './app-config.js';

@Global()
@Module({})
export class ConfigModule {
  /** `overrides` lets tests boot several apps with different backends in one process. */
  static forRoot(overrides: Partial<AppConfig> = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useFactory: () => ({ ...loadConfig(), ...overrides }) }],
      exports: [APP_CONFIG],
    };
  }
}
