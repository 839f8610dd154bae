import { isEmail } from 'class-validator';
import type { ShippingAddress } from '@retail/contracts';

const ADDRESS_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
] as const;

export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type AddressForm = Record<AddressField, string>;

const MAX_LENGTH = 100;

/** Reads the posted form: every field a trimmed string ('' when absent or not a single value). */
export function readAddressForm(body: unknown): AddressForm {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(
    ADDRESS_FIELDS.map((f) => [f, typeof raw[f] === 'string' ? raw[f].trim() : '']),
  ) as AddressForm;
}

/**
 * The server-side rules of the address step (spec/ui.md §6.7), one message per failing field:
 * names, address line 1 and city required; e-mail required and valid; zip, if given, five digits;
 * state, if given, two capital letters. Nothing longer than 100 characters.
 */
export function validateAddress(form: AddressForm): Partial<Record<AddressField, string>> {
  const errors: Partial<Record<AddressField, string>> = {};
  const required: Array<[AddressField, string]> = [
    ['firstName', 'Please enter your first name.'],
    ['lastName', 'Please enter your last name.'],
    ['address1', 'Please enter your street address.'],
    ['city', 'Please enter your city.'],
  ];
  for (const [field, message] of required) {
    if (form[field] === '') errors[field] = message;
  }
  if (form.email === '') {
    errors.email = 'Please enter your e-mail address.';
  } else if (!isEmail(form.email)) {
    errors.email = 'Please enter a valid e-mail address, like name@example.com.';
  }
  if (form.zip !== '' && !/^\d{5}$/.test(form.zip)) {
    errors.zip = 'The zip code must be exactly 5 digits.';
  }
  if (form.state !== '' && !/^[A-Z]{2}$/.test(form.state)) {
    errors.state = 'Please choose a state from the list.';
  }
  for (const field of ADDRESS_FIELDS) {
    if (!errors[field] && form[field].length > MAX_LENGTH) {
      errors[field] = `Please use at most ${MAX_LENGTH} characters.`;
    }
  }
  return errors;
}

export function shippingAddressOf(form: AddressForm): ShippingAddress {
  return {
    firstName: form.firstName,
    lastName: form.lastName,
    address1: form.address1,
    address2: form.address2,
    city: form.city,
    state: form.state,
    zip: form.zip,
  };
}
