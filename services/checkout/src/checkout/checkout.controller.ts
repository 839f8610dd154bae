import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Checkout, CheckoutRequest, CheckoutSubmitted } from '@retail/contracts';
import type { FastifyRequest } from 'fastify';
import { CheckoutService } from './checkout.service';
import { CheckoutRequestDto } from './dto/checkout-request.dto';
import {
  CheckoutResponse,
  CheckoutSubmittedResponse,
  ErrorResponse,
} from './dto/checkout.responses';

@ApiTags('checkout')
@ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'Redis did not answer' })
@Controller('checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Get(':customerId')
  @ApiOkResponse({ type: CheckoutResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  getCheckout(@Param('customerId') customerId: string): Promise<Checkout> {
    return this.checkout.get(customerId);
  }

  /**
   * Creates or replaces the checkout; 201 as in the reference. The DTO parameter only runs the
   * rules: with our pipe options Nest hands back a rebuilt copy whose keys follow the DTO's
   * declaration order, and the spec stores the body exactly as received, so the received body is
   * what gets stored.
   */
  @Post(':customerId/update')
  @ApiCreatedResponse({ type: CheckoutResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'One message per broken rule' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Body over 100 kB' })
  updateCheckout(
    @Param('customerId') customerId: string,
    @Body() _validated: CheckoutRequestDto,
    @Req() received: FastifyRequest,
  ): Promise<Checkout> {
    return this.checkout.update(customerId, received.body as CheckoutRequest);
  }

  @Post(':customerId/submit')
  @ApiCreatedResponse({ type: CheckoutSubmittedResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'No shipping address or no items' })
  @ApiBadGatewayResponse({
    type: ErrorResponse,
    description: 'Orders failed or is unreachable; the checkout is kept',
  })
  submitCheckout(@Param('customerId') customerId: string): Promise<CheckoutSubmitted> {
    return this.checkout.submit(customerId);
  }
}
