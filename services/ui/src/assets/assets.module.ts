import { Module } from '@nestjs/common';
import { AssetsController } from './assets.controller';

/** Product pictures, from the assets server or the bundled photo. */
@Module({ controllers: [AssetsController] })
export class AssetsModule {}
