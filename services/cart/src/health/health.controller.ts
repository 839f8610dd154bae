import { Controller, Get, Header, HttpCode, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { SpringHealthBody } from '@retail/service-kit';
import type { FastifyReply } from 'fastify';
import { FailSwitch } from './fail-switch';

/** Health and liveness; readiness (`/actuator/health/readiness`) is the kit's, over DynamoDB. */
@ApiExcludeController()
@Controller('actuator')
export class HealthController {
  constructor(private readonly failSwitch: FailSwitch) {}

  /**
   * What compose and ECS curl. It never touches DynamoDB (spec/deploy.md: health must not depend
   * on backends), so a brief DynamoDB outage does not get healthy tasks replaced.
   */
  @Get('health')
  health(@Res({ passthrough: true }) reply: FastifyReply): SpringHealthBody {
    return this.live(reply);
  }

  /** As cheap as `health`, and like it DOWN once the fail switch is tripped. */
  @Get('health/liveness')
  liveness(@Res({ passthrough: true }) reply: FastifyReply): SpringHealthBody {
    return this.live(reply);
  }

  /** The reference's chaos endpoint: answers `OK`; from then on health is DOWN. */
  @Post('fail')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  fail(): string {
    this.failSwitch.trip();
    return 'OK';
  }

  private live(reply: FastifyReply): SpringHealthBody {
    void reply.status(this.failSwitch.failed ? 503 : 200);
    return { status: this.failSwitch.failed ? 'DOWN' : 'UP' };
  }
}
