import {
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Render,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { CartsClient } from '@retail/clients';
import { ShutdownState } from '@retail/service-kit';
import type { FastifyReply } from 'fastify';
import type { UiConfig } from '../config/ui.config';
import { UI_CONFIG } from '../config/ui-config.token';
import { BackendStatus, TopologyPage, TopologyService } from './topology.service';

type Status = 'UP' | 'DOWN';

@Controller()
export class ActuatorController {
  constructor(
    private readonly topology: TopologyService,
    private readonly carts: CartsClient,
    @Inject(UI_CONFIG) private readonly cfg: UiConfig,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('actuator')
  index(): { _links: Record<string, { href: string; templated: boolean }> } {
    const link = (href: string) => ({ href, templated: false });
    return {
      _links: {
        self: link('/actuator'),
        health: link('/actuator/health'),
        'health-path': { href: '/actuator/health/{*path}', templated: true },
        info: link('/actuator/info'),
        prometheus: link('/actuator/prometheus'),
      },
    };
  }

  /** What the ECS and ALB health checks call: never depends on a backend (the lab starts with none). */
  @Get('actuator/health')
  health(): { status: Status } {
    return { status: 'UP' };
  }

  @Get('actuator/health/liveness')
  liveness(): { status: Status } {
    return { status: 'UP' };
  }

  /**
   * Each configured backend's health endpoint; 503 when any does not answer, and from SIGTERM on
   * (a `shutdown` component). Mocks are UP.
   */
  @Get('actuator/health/readiness')
  async readiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<{
    status: Status;
    components: Record<string, { status: Status; details: Record<string, string> }>;
  }> {
    const statuses = await this.topology.statuses();
    const used = statuses.filter((s) => s.mode !== 'not configured');
    const draining = this.shutdown.isDraining();
    const up = !draining && used.every((s) => s.healthy !== false);
    void reply.status(up ? 200 : 503);
    const components = Object.fromEntries(
      used.map((s) => [
        s.name,
        { status: s.healthy === false ? 'DOWN' : 'UP', details: details(s) } as const,
      ]),
    );
    if (draining) {
      components.shutdown = { status: 'DOWN', details: { reason: 'shutting down' } };
    }
    return { status: up ? 'UP' : 'DOWN', components };
  }

  @Get('actuator/info')
  info(): Record<string, never> {
    return {};
  }

  /**
   * Forwards to the cart service's chaos switch (spec/ui.md §8): its health turns DOWN. Not
   * there unless RETAIL_UI_CHAOS_ENABLED=true; SameOriginGuard refuses cross-site posts.
   */
  @Post('actuator/fail-cart')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  async failCart(): Promise<string> {
    if (!this.cfg.chaosEnabled) throw new NotFoundException();
    if (this.carts.baseUrl === undefined) {
      throw new ServiceUnavailableException(
        'carts is the in-process mock (ENDPOINTS_CARTS is not set): there is no cart service to fail',
      );
    }
    return this.carts.fail();
  }

  @Get('topology')
  @Render('topology')
  page(): Promise<TopologyPage> {
    return this.topology.page();
  }
}

function details(s: BackendStatus): Record<string, string> {
  if (s.url === undefined) return { mode: 'mock' };
  return s.healthy ? { url: s.url } : { url: s.url, error: s.detail };
}
