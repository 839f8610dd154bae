import { Module } from '@nestjs/common';
import { ShopController } from './shop.controller';
import { ShopService } from './shop.service';

/** Home, catalog and product pages. */
@Module({ controllers: [ShopController], providers: [ShopService] })
export class ShopModule {}
