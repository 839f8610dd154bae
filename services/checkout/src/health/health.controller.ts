import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';

/** Liveness; readiness (`/health/ready`) is the kit's, over Redis's and orders' indicators. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthCheckService) {}

  /** What compose and ECS curl: terminus's report over no dependency, the reference's body. */
  @Get()
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }
}
