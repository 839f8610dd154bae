import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
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

  /** Liveness, what the ECS health check curls: never touches the database (spec §9). */
  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  live(): string {
    return 'OK';
  }

  /** Readiness: 503 naming the database (writer or reader) that does not answer. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const { ready, report } = await this.readiness.check(this.dependencies);
    void reply.status(ready ? 200 : 503);
    return report;
  }
}
