import { Inject, Injectable } from '@nestjs/common';
import { CartsClient } from '@retail/clients';
import type { FastifyRequest } from 'fastify';
import type { UiConfig } from '../config/ui.config';
import { UI_CONFIG } from '../config/ui-config.token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The cart badge, fetched while the page's own content is (LayoutInterceptor). */
    cartBadge: Promise<CartBadge> | null;
  }
}

/** The cart's total quantity, or undefined when the cart service did not answer. */
interface CartBadge {
  quantity: number | undefined;
}

interface Crumb {
  label: string;
  href?: string;
}

/** What every page handler returns besides its own content. */
export interface PageModel {
  /** Below Home; the last one is the current page (`breadcrumb-item active`). None on home. */
  breadcrumbs?: Crumb[];
  /** Which navbar entry is current. */
  nav?: 'home' | 'catalog' | 'cart';
  /** Messages about parts of the page that could not be shown. */
  notices?: string[];
  /** Set by pages that know the cart already (cart, confirmation) to skip the badge lookup. */
  cartQuantity?: number;
}

/** The layout's own data, under `layout` in every view. */
interface LayoutModel {
  banner: string;
  /** "3", or "?" when the cart service is down. */
  cartLabel: string;
  cartUnavailable: boolean;
  breadcrumbs: Array<Crumb & { current: boolean }>;
  nav: PageModel['nav'];
  notices: string[];
}

const CART_UNAVAILABLE =
  'Your cart is unavailable right now (the cart service did not answer); you can keep browsing.';

@Injectable()
export class LayoutService {
  constructor(
    private readonly carts: CartsClient,
    @Inject(UI_CONFIG) private readonly cfg: UiConfig,
  ) {}

  /**
   * Never rejects: a cart service that is down shows as "?" in the navbar. A visitor whose
   * session starts with this request (or who has none) has an empty cart: carts is not asked.
   */
  async cartBadge(request: FastifyRequest): Promise<CartBadge> {
    // No session at all: Fastify refused the URL before any hook ran (`/%ff`).
    if (request.newSession || !request.sessionId) return { quantity: 0 };
    try {
      const cart = await this.carts.cart(request.sessionId);
      return { quantity: cart.items.reduce((sum, item) => sum + item.quantity, 0) };
    } catch {
      return { quantity: undefined };
    }
  }

  /** `badge` is given when the caller already knows it; otherwise it is looked up. */
  async build(request: FastifyRequest, page: PageModel, badge?: CartBadge): Promise<LayoutModel> {
    const known =
      badge ?? (page.cartQuantity !== undefined ? { quantity: page.cartQuantity } : undefined);
    const cart = known ?? (await (request.cartBadge ?? this.cartBadge(request)));
    const crumbs = page.breadcrumbs ?? [];
    const notices = [...(page.notices ?? [])];
    if (cart.quantity === undefined) notices.push(CART_UNAVAILABLE);
    return {
      banner: this.cfg.banner,
      cartLabel: cart.quantity === undefined ? '?' : String(cart.quantity),
      cartUnavailable: cart.quantity === undefined,
      breadcrumbs: crumbs.length
        ? [{ label: 'Home', href: '/home' }, ...crumbs].map((c, i) => ({
            ...c,
            current: i === crumbs.length,
          }))
        : [],
      nav: page.nav,
      notices,
    };
  }
}
