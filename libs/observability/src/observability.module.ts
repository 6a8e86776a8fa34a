import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health/health.controller';
import { ReadinessChecks } from './health/readiness.checks';
import { MetricsController } from './metrics/metrics.controller';
import { OpsMetrics } from './metrics/ops.metrics';

/**
 * /health/live, /health/ready and /metrics, with the registry and the readiness checks every other
 * module of the process injects (global, so the notifier module reaches them too). Logging and the
 * API document are HTTP-level and set up at bootstrap (setupHttpObservability, serveOpenApi).
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [OpsMetrics, ReadinessChecks],
      exports: [OpsMetrics, ReadinessChecks],
    };
  }
}
