/** How a user types the number, and how Termii and the app write it. */
export const TYPED_PHONE = '+234 810-947 7743';
export const PHONE = '2348109477743';

/** The `n`th of many valid numbers that are not `PHONE`, for tests that must not meet a per-number limit. */
export function otherPhone(n: number): string {
  return `2348100${String(n).padStart(6, '0')}`;
}
