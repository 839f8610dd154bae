import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck } from '@nestjs/terminus';
import { Readiness, type SpringHealthBody, springBody } from '@retail/service-kit';
import type { FastifyReply } from 'fastify';
import type { OrdersConfig } from '../config/orders.config';

/** Spring's MANAGEMENT_HEALTH_<NAME>_ENABLED switches, by indicator key (`db`, `rabbit`). */
export const HEALTH_SWITCHES = Symbol('HEALTH_SWITCHES');

/** Health and liveness; readiness (`/actuator/health/readiness`) is the kit's, over every dependency. */
@ApiExcludeController()
@Controller('actuator/health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    @Inject(HEALTH_SWITCHES) private readonly switches: OrdersConfig['health'],
  ) {}

  /**
   * What compose and ECS curl: as in the reference, the database and (rabbitmq profile) the
   * broker, each unless switched off by MANAGEMENT_HEALTH_DB/RABBIT_ENABLED=false; DOWN is 503.
   */
  @Get()
  @HealthCheck()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<SpringHealthBody> {
    const result = await this.readiness.check(
      (key) => this.switches[key as keyof OrdersConfig['health']] !== false,
    );
    const { status } = springBody(result, 'always');
    void reply.status(status === 'UP' ? 200 : 503);
    return { status };
  }

  /** Liveness never touches a dependency, so a brief outage does not get the task killed. */
  @Get('liveness')
  liveness(): SpringHealthBody {
    return { status: 'UP' };
  }
}
