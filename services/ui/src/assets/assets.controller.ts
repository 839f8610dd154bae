import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { AssetsClient } from '@retail/clients';
import type { FastifyReply } from 'fastify';

// Spec/ui.md §8: product pictures are re-sent with a 30-day cache lifetime.
const CACHE_CONTROL = 'public, max-age=2592000';
const FILE_NAME = /^[\w.-]{1,200}$/;

@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: AssetsClient) {}

  /** `/assets/<name>`: one path segment, proxied to the assets server (or the mock picture). */
  @Get(':name')
  async image(@Param('name') name: string, @Res() reply: FastifyReply): Promise<void> {
    const image = FILE_NAME.test(name) ? await this.assets.image(name) : undefined;
    if (!image) throw new NotFoundException(`no image named ${name}`);
    await reply
      .header('cache-control', CACHE_CONTROL)
      .type(image.contentType.startsWith('image/') ? image.contentType : 'image/jpeg')
      .send(image.body);
  }
}
