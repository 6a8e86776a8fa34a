import { type DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import type { NotifierConfig } from './config/notifier.config';
import { ProblemFilter } from './http/problem.filter';
import { NotifierRunner } from './inbox/notifier.runner';
import type { NotifierDeps } from './notifier.deps';
import { NOTIFIER_CONFIG, NOTIFIER_DEPS } from './notifier.tokens';
import { OpsController } from './ops/ops.controller';
import { PreferencesController } from './preferences/preferences.controller';

/** Built from validated config and the adapters bootstrap chose; nothing here picks an adapter. */
@Module({})
export class NotifierModule {
  static forRoot(config: NotifierConfig, deps: NotifierDeps): DynamicModule {
    return {
      module: NotifierModule,
      controllers: [PreferencesController, OpsController],
      providers: [
        { provide: NOTIFIER_CONFIG, useValue: config },
        { provide: NOTIFIER_DEPS, useValue: deps },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // whitelist + forbidNonWhitelisted: an unknown field is a 400, not silently stored.
        { provide: APP_PIPE, useValue: new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }) },
        JwtAuthGuard,
        NotifierRunner,
      ],
    };
  }
}
