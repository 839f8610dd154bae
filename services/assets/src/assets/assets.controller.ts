import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AssetNotFoundError } from './assets.errors';
import { ServedFolder } from './served-folder';

@Controller('assets')
export class AssetsController {
  constructor(private readonly folder: ServedFolder) {}

  /**
   * One file of the folder (spec/assets.md §2), sent by @fastify/static with its validators,
   * ranges and encodings. HEAD is Fastify's automatic HEAD route. The name must be one of the
   * files found at start-up, so no other request path reaches the file system.
   */
  @Get(':name')
  serve(@Param('name') name: string, @Res() reply: FastifyReply): void {
    if (!this.folder.has(name)) throw new AssetNotFoundError();
    void reply.sendFile(name);
  }
}
