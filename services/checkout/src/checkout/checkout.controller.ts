import { Body, Controller, Get, Param, Post } from '@nestjs/common';
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
import type { Checkout, CheckoutSubmitted } from '@retail/contracts';
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

  /** Creates or replaces the checkout; 201 as in the reference. */
  @Post(':customerId/update')
  @ApiCreatedResponse({ type: CheckoutResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'One message per broken rule' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Body over 100 kB' })
  updateCheckout(
    @Param('customerId') customerId: string,
    @Body() request: CheckoutRequestDto,
  ): Promise<Checkout> {
    return this.checkout.update(customerId, request);
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
