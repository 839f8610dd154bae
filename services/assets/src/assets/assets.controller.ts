import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AssetsService } from './assets.service';

@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  /**
   * One file of the folder (spec/assets.md §2). HEAD is Fastify's automatic HEAD route, which runs
   * this handler and drops the body. The name is only ever a key into the files loaded at start-up,
   * so no request path reaches the file system.
   */
  @Get(':name')
  serve(
    @Req() request: FastifyRequest<{ Params: { name: string } }>,
    @Res() reply: FastifyReply,
  ): void {
    const { status, headers, body } = this.assets.respond(request.params.name, request.headers);
    void reply.code(status).headers(headers).send(body);
  }
}
