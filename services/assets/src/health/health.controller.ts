import { Controller, Get, Header } from '@nestjs/common';

/**
 * Liveness. Readiness (`/health/ready`) is the kit's: the files are in memory before the server
 * listens and nothing else is needed, so no dependency is registered for it.
 */
@Controller()
export class HealthController {
  /** What the ECS health check curls (spec/assets.md §3): `OK`, two bytes, never cached. */
  @Get('health.html')
  @Header('Content-Type', 'text/html')
  @Header('Cache-Control', 'no-cache')
  @Header('Expires', 'Thu, 01 Jan 1970 00:00:01 GMT')
  live(): string {
    return 'OK';
  }
}
