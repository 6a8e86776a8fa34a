import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BearerTokenVerifier } from '@ot/access';
import { BEARER_VERIFIER, BearerAuthGuard } from './bearer-auth.guard';

/** One bearer verifier per process, for the guard and for routes served on Fastify directly. */
@Global()
@Module({})
export class HttpAccessModule {
  static forRoot(jwtSecret: string): DynamicModule {
    return {
      module: HttpAccessModule,
      providers: [{ provide: BEARER_VERIFIER, useValue: new BearerTokenVerifier(jwtSecret) }, BearerAuthGuard],
      exports: [BEARER_VERIFIER, BearerAuthGuard],
    };
  }
}
