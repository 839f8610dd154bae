import { Body, Controller, Get, HttpCode, Post, Redirect } from '@nestjs/common';
import { OwnCartBadge, Page } from '../web/layout.interceptor';
import { CustomerId } from '../web/session';
import { MissingProductIdError } from './cart.errors';
import { CartService } from './cart.service';
import type { CartPage } from './cart.views';

/**
 * The form's `productId`: a non-empty string the cart service takes as an item id (at most 100
 * characters) and that can be put in a URL (no lone surrogate, which a JSON body can carry).
 */
function productIdOf(form: unknown): string {
  const value = (form as Record<string, unknown> | undefined)?.productId;
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > 100 ||
    /\p{Cs}/u.test(value)
  ) {
    throw new MissingProductIdError();
  }
  return value.trim();
}

@Controller('cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  @Page('cart')
  @OwnCartBadge()
  show(@CustomerId() customerId: string): Promise<CartPage> {
    return this.cart.page(customerId);
  }

  @Post()
  @HttpCode(303)
  @Redirect('/cart', 303)
  async add(@CustomerId() customerId: string, @Body() form: unknown): Promise<void> {
    await this.cart.add(customerId, productIdOf(form));
  }

  @Post('remove')
  @HttpCode(303)
  @Redirect('/cart', 303)
  async remove(@CustomerId() customerId: string, @Body() form: unknown): Promise<void> {
    await this.cart.remove(customerId, productIdOf(form));
  }
}
