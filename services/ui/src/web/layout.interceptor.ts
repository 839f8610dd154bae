import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  Render,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { LayoutService, PageModel } from './layout';

const OWN_CART_BADGE = 'ui:own-cart-badge';

/** Marks a page whose model sets `cartQuantity` itself, so the badge lookup is skipped. */
export const OwnCartBadge = () => SetMetadata(OWN_CART_BADGE, true);

const IsPage = Reflector.createDecorator<true>();

/** A page: the handler's model rendered with `template` (Nest's `@Render`) inside the layout. */
export const Page = (template: string) => applyDecorators(Render(template), IsPage(true));

/**
 * Adds the layout (banner, cart badge, breadcrumbs, notices) to what a `@Page` handler returns.
 * The cart badge is fetched while the handler works, so a page costs one round trip, not two.
 */
@Injectable()
export class LayoutInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly layout: LayoutService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    if (!this.reflector.get(IsPage, handler)) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!this.reflector.get<boolean | undefined>(OWN_CART_BADGE, handler)) {
      request.cartBadge = this.layout.cartBadge(request);
    }
    return next
      .handle()
      .pipe(
        switchMap((model: PageModel) =>
          from(this.layout.build(request, model).then((layout) => ({ ...model, layout }))),
        ),
      );
  }
}
