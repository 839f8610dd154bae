import { Controller, Get, Header, Res } from '@nestjs/common';
import { HealthReport, ReadinessService } from '@retail/service-kit';
import type { FastifyReply } from 'fastify';

@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** What the ECS health check curls (spec/assets.md §3): `OK`, two bytes, never cached. */
  @Get('health.html')
  @Header('Content-Type', 'text/html')
  @Header('Cache-Control', 'no-cache')
  @Header('Expires', 'Thu, 01 Jan 1970 00:00:01 GMT')
  live(): string {
    return 'OK';
  }

  /**
   * Readiness, like every service's: the files are in memory before the server listens and
   * nothing else is needed, so there is no dependency to check.
   */
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const { ready, report } = await this.readiness.check([]);
    void reply.status(ready ? 200 : 503);
    return report;
  }
}
