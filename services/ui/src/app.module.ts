import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ServiceKitModule } from '@retail/service-kit';
import { AssetsController } from './assets/assets.controller';
import { BackendsModule } from './backends/backends.module';
import { CartController } from './cart/cart.controller';
import { CartService } from './cart/cart.service';
import { CheckoutController } from './checkout/checkout.controller';
import { CheckoutService } from './checkout/checkout.service';
import type { UiConfig } from './config/ui.config';
import { UI_CONFIG } from './config/ui-config.token';
import { ActuatorController } from './ops/actuator.controller';
import { ProxyController } from './ops/proxy.controller';
import { TopologyService } from './ops/topology.service';
import { ShopController } from './shop/shop.controller';
import { ShopService } from './shop/shop.service';
import { uiDefinition } from './ui.definition';
import { LayoutService } from './web/layout';
import { LayoutInterceptor } from './web/layout.interceptor';
import { UiErrorFilter } from './web/ui-error.filter';
import { webSetupProvider } from './web/web-setup';

@Module({})
export class AppModule {
  static forRoot(cfg: UiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(uiDefinition(cfg)), BackendsModule.forConfig(cfg)],
      controllers: [
        ShopController,
        CartController,
        CheckoutController,
        AssetsController,
        ActuatorController,
        ProxyController,
      ],
      providers: [
        { provide: UI_CONFIG, useValue: cfg },
        webSetupProvider,
        LayoutService,
        ShopService,
        CartService,
        CheckoutService,
        TopologyService,
        { provide: APP_INTERCEPTOR, useClass: LayoutInterceptor },
        UiErrorFilter,
      ],
    };
  }
}
