/** How a user types the number, and how Termii and the app write it. */
export const TYPED_PHONE = '+234 810-947 7743';
export const PHONE = '2348109477743';
