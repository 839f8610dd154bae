import type { PageModel } from '../web/layout';
import type { AddressField, AddressForm } from './address-form';

interface SummaryItem {
  name: string;
  imageUrl: string;
  quantity: number;
  unitCost: number;
  totalCost: number;
}

/** The sidebar of every step; -1 amounts are "not known yet" and hidden. */
interface CheckoutSummary {
  items: SummaryItem[];
  subtotal: number;
  tax: number;
  shipping: number;
  total: number;
}

export interface Step {
  number: number;
  label: string;
  done: boolean;
  current: boolean;
}

export interface CheckoutStepPage extends PageModel {
  /** The partial the `checkout` view shows for this step, e.g. `checkout-address`. */
  stepPartial: string;
  steps: Step[];
  summary: CheckoutSummary;
  /** Set when the posted form was refused: the step is shown again with status 400. */
  invalid?: boolean;
}

export interface AddressStepPage extends CheckoutStepPage {
  form: AddressForm;
  errors: Partial<Record<AddressField, string>>;
  states: Array<{ code: string; name: string; selected: boolean }>;
}

export interface DeliveryStepPage extends CheckoutStepPage {
  options: Array<{ token: string; name: string; amount: number; estimatedDays: number }>;
  alert?: string;
}

export interface ConfirmationPage extends PageModel {
  orderId: string;
  email: string;
}
