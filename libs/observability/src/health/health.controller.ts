import { Controller, Get, Logger, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ReadinessChecks } from './readiness.checks';

/**
 * Liveness says the process answers (restart it if not); readiness says it can serve: every registered
 * check up, each reported under its name (terminus answers 503 with the same body when one is down).
 * A probe polls through an outage, so the log gets a line when readiness falls or returns, not per poll.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly checks: ReadinessChecks,
  ) {}

  private readonly logger = new Logger('Health');
  /** The checks down at the last answer, comma-separated ('' when ready). */
  private down = '';

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: event store, read models, bus, projection lag, dispatcher' })
  async ready(@Res({ passthrough: true }) reply: { status(code: number): unknown }) {
    try {
      const report = await this.health.check(
        this.checks.entries().map(
          ([name, check]) =>
            () =>
              this.run(name, check),
        ),
      );
      this.noteReadiness([]);
      return report;
    } catch (error) {
      // Terminus throws its report as a 503; answer it as is, so the app's error format does not hide which check failed.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const report = error.getResponse() as { error?: Record<string, unknown> };
      this.noteReadiness(Object.keys(report.error ?? {}));
      reply.status(503);
      return report;
    }
  }

  private noteReadiness(down: string[]): void {
    const now = down.join(', ');
    if (now === this.down) return;
    if (now) this.logger.warn(`not ready: ${now}`);
    else this.logger.log('ready again');
    this.down = now;
  }

  private async run(name: string, check: () => Promise<{ up: boolean; details?: Record<string, unknown> }>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(name);
    try {
      const { up, details } = await check();
      return up ? indicator.up(details) : indicator.down(details);
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
