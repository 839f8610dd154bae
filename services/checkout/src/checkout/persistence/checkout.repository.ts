import type { Checkout, CheckoutSubmitted } from '@retail/contracts';

/** What a submit finds when it asks to place a customer's checkout. */
export type SubmitClaim =
  /** The caller holds the checkout until it completes or releases it (or the lease runs out). */
  | { kind: 'claimed'; checkout: Checkout; json: string; token: string }
  /** Placed before, and not updated since: the first submit's answer. */
  | { kind: 'submitted'; answer: CheckoutSubmitted }
  /** Another submit holds it right now. */
  | { kind: 'busy' }
  | { kind: 'none' };

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

  /**
   * Atomically: a stored checkout nobody is submitting is claimed for `leaseMs`; else the answer
   * of the submit that placed it, if any, else busy or none.
   */
  abstract claimSubmit(customerId: string, leaseMs: number): Promise<SubmitClaim>;
  /**
   * The claimed checkout became an order: deletes it (unless an update replaced it meanwhile) and
   * keeps `answer` for repeats, with the checkout's TTL, in one step.
   */
  abstract completeSubmit(
    customerId: string,
    claim: Extract<SubmitClaim, { kind: 'claimed' }>,
    answer: CheckoutSubmitted,
  ): Promise<void>;
  /** The claimed checkout was not placed: another submit may take it. */
  abstract releaseSubmit(customerId: string, token: string): Promise<void>;
}
