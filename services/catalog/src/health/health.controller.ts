import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** Liveness; readiness (`/health/ready`) is the kit's, over the database's indicator. */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  /** What the ECS health check curls: never touches the database (spec §9). */
  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  live(): string {
    return 'OK';
  }
}
