import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEPENDENCY_CHECKS, DependencyCheck, ReadinessService } from '@retail/service-kit';
import type { FastifyReply } from 'fastify';
import { HEALTH_CHECKS } from './health-checks';

type Status = 'UP' | 'DOWN';

/** Spring's health group body; components only on readiness (Spring hides details by default). */
interface HealthBody {
  status: Status;
  components?: Record<string, { status: Status; details?: { error: string } }>;
}

@ApiExcludeController()
@Controller('actuator/health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    @Inject(DEPENDENCY_CHECKS) private readonly dependencies: DependencyCheck[],
    @Inject(HEALTH_CHECKS) private readonly healthDependencies: DependencyCheck[],
  ) {}

  /**
   * What compose and ECS curl: as in the reference, the database and (rabbitmq profile) the
   * broker, each unless switched off by MANAGEMENT_HEALTH_DB/RABBIT_ENABLED=false; DOWN is 503.
   */
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthBody> {
    return { status: (await this.check(reply, this.healthDependencies)).status };
  }

  /** Liveness never touches a dependency, so a brief outage does not get the task killed. */
  @Get('liveness')
  liveness(): HealthBody {
    return { status: 'UP' };
  }

  /** Readiness names each dependency and why it is down. */
  @Get('readiness')
  readinessProbe(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthBody> {
    return this.check(reply, this.dependencies);
  }

  private async check(reply: FastifyReply, dependencies: DependencyCheck[]): Promise<HealthBody> {
    const { ready, report } = await this.readiness.check(dependencies);
    void reply.status(ready ? 200 : 503);
    const components: NonNullable<HealthBody['components']> = {};
    for (const [name, result] of Object.entries(report.details)) {
      components[name] =
        result.status === 'up'
          ? { status: 'UP' }
          : { status: 'DOWN', details: { error: String(result.message ?? 'down') } };
    }
    const status = ready ? 'UP' : 'DOWN';
    return Object.keys(components).length > 0 ? { status, components } : { status };
  }
}
