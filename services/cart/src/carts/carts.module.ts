import { DynamicModule, Module } from '@nestjs/common';
import type { CartConfig } from '../config/cart.config';
import { CartsController } from './carts.controller';
import { CartsService } from './carts.service';
import { CartsPersistenceModule } from './persistence/carts-persistence.module';

@Module({})
export class CartsModule {
  static forConfig(cfg: CartConfig): DynamicModule {
    const persistence = CartsPersistenceModule.forConfig(cfg);
    return {
      module: CartsModule,
      imports: [persistence],
      controllers: [CartsController],
      providers: [CartsService],
      exports: [persistence],
    };
  }
}
