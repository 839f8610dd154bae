import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@retail/service-kit';
import { AssetsModule } from './assets/assets.module';
import { BackendsModule } from './backends/backends.module';
import { CartModule } from './cart/cart.module';
import { CheckoutModule } from './checkout/checkout.module';
import type { UiConfig } from './config/ui.config';
import { OpsModule } from './ops/ops.module';
import { ShopModule } from './shop/shop.module';
import { uiDefinition } from './ui.definition';
import { WebModule } from './web/web.module';

/** The storefront: the kit, the backends chosen at boot, the shared web layer and one module per feature. */
@Module({})
export class AppModule {
  static forRoot(cfg: UiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(uiDefinition(cfg)),
        BackendsModule.forConfig(cfg),
        WebModule.forConfig(cfg),
        ShopModule,
        AssetsModule,
        CartModule,
        CheckoutModule,
        OpsModule,
      ],
    };
  }
}
