import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { OwnCartBadge, Page } from '../web/layout.interceptor';
import { CustomerId } from '../web/session';
import { CheckoutService } from './checkout.service';
import type { CheckoutStepPage, ConfirmationPage } from './checkout.views';

/**
 * Each step is the answer to the previous step's POST, without a redirect (spec/ui.md §5), so
 * the browser's address reads /checkout, /checkout/delivery, … in turn. A refused form shows its
 * step again with status 400.
 */
@Controller('checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  /**
   * A link from another site (Sec-Fetch-Site: cross-site or same-site) shows the checkout in
   * progress rather than restarting it: a foreign page must not reset a shopper's checkout.
   */
  @Get()
  @Page('checkout')
  start(
    @CustomerId() customerId: string,
    @Headers('sec-fetch-site') site: string | undefined,
  ): Promise<CheckoutStepPage> {
    const fromOtherSite = site === 'cross-site' || site === 'same-site';
    return this.checkout.start(customerId, fromOtherSite);
  }

  @Post()
  @HttpCode(200)
  @Page('checkout')
  async address(
    @CustomerId() customerId: string,
    @Body() form: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckoutStepPage> {
    return refusedAs400(reply, await this.checkout.address(customerId, form));
  }

  @Post('delivery')
  @HttpCode(200)
  @Page('checkout')
  async delivery(
    @CustomerId() customerId: string,
    @Body() form: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckoutStepPage> {
    return refusedAs400(reply, await this.checkout.delivery(customerId, form));
  }

  @Post('payment')
  @HttpCode(200)
  @Page('checkout')
  payment(@CustomerId() customerId: string): Promise<CheckoutStepPage> {
    return this.checkout.payment(customerId);
  }

  /** The confirmation, or the review step again when the cart changed since it was shown. */
  @Post('confirm')
  @HttpCode(200)
  @Page('confirmation')
  @OwnCartBadge()
  confirm(@CustomerId() customerId: string): Promise<ConfirmationPage | CheckoutStepPage> {
    return this.checkout.confirm(customerId);
  }
}

function refusedAs400(reply: FastifyReply, page: CheckoutStepPage): CheckoutStepPage {
  if (page.invalid) void reply.status(400);
  return page;
}
