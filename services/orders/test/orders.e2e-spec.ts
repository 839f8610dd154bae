import { describeOrdersApi } from './orders-api.suite';

describeOrdersApi('in memory', () => ({}));
