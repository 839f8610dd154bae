import { Controller, Get, Header, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEPENDENCY_CHECKS, DependencyCheck, ReadinessService } from '@retail/service-kit';
import type { FastifyReply } from 'fastify';
import { FailSwitch } from './fail-switch';

type Status = 'UP' | 'DOWN';

/** Spring Boot actuator's health body; components only say which dependency is down. */
interface HealthBody {
  status: Status;
  components?: Record<string, { status: Status; details?: { error: string } }>;
}

const UP: HealthBody = { status: 'UP' };
const DOWN: HealthBody = { status: 'DOWN' };

@ApiExcludeController()
@Controller('actuator')
export class HealthController {
  constructor(
    private readonly failSwitch: FailSwitch,
    private readonly readiness: ReadinessService,
    @Inject(DEPENDENCY_CHECKS) private readonly dependencies: DependencyCheck[],
  ) {}

  /**
   * What compose and ECS curl. It never touches DynamoDB (spec/deploy.md: health must not depend
   * on backends), so a brief DynamoDB outage does not get healthy tasks replaced.
   */
  @Get('health')
  health(@Res({ passthrough: true }) reply: FastifyReply): HealthBody {
    return this.live(reply);
  }

  /** As cheap as `health`, and like it DOWN once the fail switch is tripped. */
  @Get('health/liveness')
  liveness(@Res({ passthrough: true }) reply: FastifyReply): HealthBody {
    return this.live(reply);
  }

  /** 503 naming DynamoDB (and why) when it does not answer or the table is not usable. */
  @Get('health/readiness')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthBody> {
    const { ready, report } = await this.readiness.check(this.dependencies);
    void reply.status(ready ? 200 : 503);
    if (ready) return UP;
    const components: NonNullable<HealthBody['components']> = {};
    for (const [name, result] of Object.entries(report.details)) {
      const { message } = result as { message?: unknown };
      components[name] =
        result.status === 'up'
          ? { status: 'UP' }
          : {
              status: 'DOWN',
              details: { error: typeof message === 'string' ? message : 'not answering' },
            };
    }
    return { status: 'DOWN', components };
  }

  /** The reference's chaos endpoint: answers `OK`; from then on health is DOWN. */
  @Post('fail')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  fail(): string {
    this.failSwitch.trip();
    return 'OK';
  }

  private live(reply: FastifyReply): HealthBody {
    void reply.status(this.failSwitch.failed ? 503 : 200);
    return this.failSwitch.failed ? DOWN : UP;
  }
}
