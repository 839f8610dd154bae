import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { HttpClient } from '@retail/clients';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROXY_TARGETS, type ProxyTargets } from '../backends/backends';

/**
 * `GET /proxy/{catalogue,carts,checkout,orders}/**` (spec/ui.md §8): the path without `/proxy`,
 * query included, sent to that backend and its answer passed back as it came. Unlike the
 * reference, orders goes to ENDPOINTS_ORDERS, not to checkout.
 */
@Controller('proxy')
export class ProxyController {
  constructor(@Inject(PROXY_TARGETS) private readonly targets: ProxyTargets) {}

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
    if (!(service in this.targets)) throw new NotFoundException(`no backend named ${service}`);
    const target: HttpClient | undefined = this.targets[service as keyof ProxyTargets];
    if (!target) {
      await reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(`Endpoint not provided for ${service}`);
      return;
    }
    const path = request.url.slice('/proxy'.length);
    // The path must stay under the backend's own API prefix.
    if (/(^|\/)\.\.?(\/|$|\?)/.test(decodeURIComponent(path.split('?')[0]))) {
      throw new NotFoundException('no such path');
    }
    const res = await target.getRaw(path, 'application/json');
    await reply
      .status(res.status)
      .type(res.contentType ?? 'application/octet-stream')
      .send(res.body);
  }
}
