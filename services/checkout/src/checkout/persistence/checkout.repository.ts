import type { Checkout } from '@retail/contracts';

/**
 * Where checkouts are kept, one per customer id, as the Checkout JSON. The abstract class is the
 * DI token; the implementation is chosen once at boot (CheckoutPersistenceModule).
 * Implementations throw CheckoutStoreUnavailableError when storage fails and
 * StoredCheckoutInvalidError for a stored value that is not a checkout.
 */
export abstract class CheckoutRepository {
  abstract find(customerId: string): Promise<Checkout | undefined>;
  /** Creates or replaces; the entry expires after the configured TTL. */
  abstract save(customerId: string, checkout: Checkout): Promise<void>;
  abstract delete(customerId: string): Promise<void>;
}
