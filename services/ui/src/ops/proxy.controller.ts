import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  Req,
  Res,
} from '@nestjs/common';
import type { HttpClient } from '@retail/clients';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROXY_TARGETS, type ProxyTargets } from '../backends/backends';
import type { UiConfig } from '../config/ui.config';
import { UI_CONFIG } from '../config/ui-config.token';

/** Backends whose data belongs to one shopper: `/proxy/<name>/<own session id>/**` only. */
const PER_SHOPPER = new Set(['carts', 'checkout']);

/**
 * `GET /proxy/{catalogue,carts,checkout,orders}/**` (spec/ui.md §8): the path without `/proxy`,
 * query included, sent to that backend and its answer passed back as it came. Unlike the
 * reference, orders goes to ENDPOINTS_ORDERS, not to checkout, and only when
 * RETAIL_UI_ORDERS_PROXY_ENABLED is set (it lists every shopper's orders); carts and checkout
 * answer only for the caller's own session.
 */
@Controller('proxy')
export class ProxyController {
  private readonly targets: ReadonlyMap<string, HttpClient | undefined>;

  constructor(@Inject(PROXY_TARGETS) targets: ProxyTargets, @Inject(UI_CONFIG) cfg: UiConfig) {
    const { orders, ...open } = targets;
    // A Map, not `name in object`: /proxy/toString must not find Object.prototype's.
    this.targets = new Map(Object.entries(cfg.ordersProxyEnabled ? { ...open, orders } : open));
  }

  @Get(':service')
  root(
    @Param('service') service: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.forward(service, request, reply);
  }

  @Get(':service/*')
  nested(
    @Param('service') service: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.forward(service, request, reply);
  }

  private async forward(service: string, request: FastifyRequest, reply: FastifyReply) {
    if (!this.targets.has(service)) throw new NotFoundException(`no backend named ${service}`);
    const path = request.url.slice('/proxy'.length);
    const segments = decodeURIComponent(path.split('?')[0]).split('/');
    if (PER_SHOPPER.has(service) && segments[2] !== request.sessionId) {
      throw new ForbiddenException(`/proxy/${service} answers only for your own session`);
    }
    const target = this.targets.get(service);
    if (!target) {
      await reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(`Endpoint not provided for ${service}`);
      return;
    }
    // The path must stay under the backend's own API prefix.
    if (segments.some((s) => s === '.' || s === '..')) throw new NotFoundException('no such path');
    const res = await target.getRaw(path, 'application/json');
    await reply
      .status(res.status)
      .type(res.contentType ?? 'application/octet-stream')
      .send(res.body);
  }
}
