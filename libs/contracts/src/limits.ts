// Limits an order must keep, shared by checkout (which accepts the shopper's data) and orders
// (which stores it): a checkout that checkout accepts can always be placed as an order.

/** Longest text field: the reference's VARCHAR(255) columns. */
export const MAX_TEXT_LENGTH = 255;
/** Largest whole-number amount: the reference's INT columns. */
export const MAX_AMOUNT = 2_147_483_647;
/** Most lines in one order; far above any basket, inside a database's bound-parameter limit. */
export const MAX_ORDER_ITEMS = 1000;
/** Text a database stores as sent: no C0 control characters (NUL included) and no DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const PRINTABLE_TEXT = /^[^\u0000-\u001f\u007f]*$/;

/**
 * The header checkout sends with `POST /orders`: one key per checkout submission, so a repeat
 * (a retry after a timeout, a second click) returns the first order instead of placing another.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
