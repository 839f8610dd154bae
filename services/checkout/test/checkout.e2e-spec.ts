import { describeCheckoutApi } from './checkout-api.suite';

describeCheckoutApi('in memory', () => ({}));
