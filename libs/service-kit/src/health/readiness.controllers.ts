import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SERVICE_DEFINITION, type ServiceDefinition } from '../service-definition';
import {
  isHealthy,
  springBody,
  terminusBody,
  type SpringHealthBody,
  type TerminusHealthBody,
} from './health-bodies';
import { Readiness } from './readiness';

/** Readiness of the catalog, checkout and assets: terminus's report; 503 names what is down. */
@ApiExcludeController()
@Controller('health')
export class TerminusReadinessController {
  constructor(private readonly readiness: Readiness) {}

  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<TerminusHealthBody> {
    const result = await this.readiness.check();
    void reply.status(isHealthy(result) ? 200 : 503);
    return terminusBody(result);
  }
}

/** Readiness of cart, orders and the ui: Spring's body; 503 names what is down, and why. */
@ApiExcludeController()
@Controller('actuator/health')
export class SpringReadinessController {
  private readonly components: 'always' | 'when-down';

  constructor(
    private readonly readiness: Readiness,
    @Inject(SERVICE_DEFINITION) definition: ServiceDefinition,
  ) {
    this.components =
      definition.health.style === 'spring' ? definition.health.components : 'always';
  }

  @Get('readiness')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<SpringHealthBody> {
    const result = await this.readiness.check();
    void reply.status(isHealthy(result) ? 200 : 503);
    return springBody(result, this.components);
  }
}
