import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DEPENDENCY_CHECKS,
  DependencyCheck,
  HealthReport,
  ReadinessService,
} from '@retail/service-kit';
import type { FastifyReply } from 'fastify';

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    @Inject(DEPENDENCY_CHECKS) private readonly dependencies: DependencyCheck[],
  ) {}

  /** Liveness, what compose and ECS curl: the reference's body, and no dependency is touched. */
  @Get()
  live(): HealthReport {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  /** Readiness: 503 naming Redis (writer or reader) or orders when it does not answer. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const { ready, report } = await this.readiness.check(this.dependencies);
    void reply.status(ready ? 200 : 503);
    return report;
  }
}
