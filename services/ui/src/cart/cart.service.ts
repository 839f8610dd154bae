import { Injectable } from '@nestjs/common';
import { CartsClient, CatalogClient, MOCK_IMAGE_URL } from '@retail/clients';
import type { Product } from '@retail/contracts';
import { ProductNotFoundError } from '../shop/shop.errors';
import type { CartContents, CartLine, CartPage } from './cart.views';

const PRODUCT_DETAILS_UNAVAILABLE =
  'Product details are unavailable right now (the catalog did not answer); prices shown are those stored in your cart.';

@Injectable()
export class CartService {
  constructor(
    private readonly carts: CartsClient,
    private readonly catalog: CatalogClient,
  ) {}

  /**
   * The cart with each line's name, picture and current price from the catalog (spec/ui.md §7).
   * If the catalog is down the lines still show, with the price the cart stored.
   */
  async contents(customerId: string): Promise<CartContents> {
    const cart = await this.carts.cart(customerId);
    let detailsUnavailable = false;
    const products = await Promise.all(
      cart.items.map((item) =>
        this.catalog.product(item.itemId).catch((): Product | undefined => {
          detailsUnavailable = true;
          return undefined;
        }),
      ),
    );
    const lines: CartLine[] = cart.items.map((item, i) => {
      const product = products[i];
      const price = product?.price ?? item.unitPrice;
      return {
        productId: item.itemId,
        name: product?.name ?? `Product ${item.itemId}`,
        imageUrl: product?.imageUrl ?? MOCK_IMAGE_URL,
        price,
        quantity: item.quantity,
        total: price * item.quantity,
      };
    });
    return {
      lines,
      subtotal: lines.reduce((sum, l) => sum + l.total, 0),
      quantity: lines.reduce((sum, l) => sum + l.quantity, 0),
      detailsUnavailable,
    };
  }

  async page(customerId: string): Promise<CartPage> {
    const contents = await this.contents(customerId);
    return {
      ...contents,
      nav: 'cart',
      breadcrumbs: [{ label: 'Cart' }],
      cartQuantity: contents.quantity,
      notices: contents.detailsUnavailable ? [PRODUCT_DETAILS_UNAVAILABLE] : [],
    };
  }

  /** One unit at the catalog's current price; an unknown product is a 404. */
  async add(customerId: string, productId: string): Promise<void> {
    const product = await this.catalog.product(productId);
    if (!product) throw new ProductNotFoundError(productId);
    await this.carts.addItem(customerId, {
      itemId: product.id,
      quantity: 1,
      unitPrice: product.price,
    });
  }

  remove(customerId: string, productId: string): Promise<void> {
    return this.carts.removeItem(customerId, productId);
  }
}
