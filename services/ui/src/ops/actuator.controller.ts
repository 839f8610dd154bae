import {
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  ServiceUnavailableException,
} from '@nestjs/common';
import { CartsClient } from '@retail/clients';
import type { UiConfig } from '../config/ui.config';
import { UI_CONFIG } from '../config/ui-config.token';
import { Page } from '../web/layout.interceptor';
import { TopologyPage, TopologyService } from './topology.service';

type Status = 'UP' | 'DOWN';

/** Spring actuator's routes, but readiness (`/actuator/health/readiness`), which is the kit's. */
@Controller()
export class ActuatorController {
  constructor(
    private readonly topology: TopologyService,
    private readonly carts: CartsClient,
    @Inject(UI_CONFIG) private readonly cfg: UiConfig,
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
  @Page('topology')
  page(): Promise<TopologyPage> {
    return this.topology.page();
  }
}
