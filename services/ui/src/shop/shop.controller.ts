import { Controller, Get, Param, Query, Redirect } from '@nestjs/common';
import { CatalogQuery } from './dto/catalog.query';
import { ShopService } from './shop.service';
import type { CatalogPage, HomePage, ProductPage } from './shop.views';
import { Page } from '../web/layout.interceptor';

@Controller()
export class ShopController {
  constructor(private readonly shop: ShopService) {}

  @Get()
  @Redirect('/home', 303)
  root(): void {}

  @Get('home')
  @Page('home')
  home(): Promise<HomePage> {
    return this.shop.home();
  }

  @Get('catalog')
  @Page('catalog')
  catalog(@Query() query: CatalogQuery): Promise<CatalogPage> {
    return this.shop.catalogPage(query);
  }

  @Get('catalog/:id')
  @Page('product')
  product(@Param('id') id: string): Promise<ProductPage> {
    return this.shop.productPage(id);
  }
}
