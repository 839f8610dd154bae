import { Module } from '@nestjs/common';
import { CartController } from './cart.controller';
import { CartService } from './cart.service';

/** The cart page and its forms; CartService also reads the cart for the checkout. */
@Module({ controllers: [CartController], providers: [CartService], exports: [CartService] })
export class CartModule {}
