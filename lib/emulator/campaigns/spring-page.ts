/** Rows per page, as Termii's current hosts answer. */
export const TERMII_PAGE_SIZE = 15;

/**
 * `items` as the current hosts' Spring page: `page` (from 0; the query's `page`, 0 when absent or not a
 * whole number) of `TERMII_PAGE_SIZE` rows, with its numbering fields.
 */
export function springPage<T>(items: readonly T[], query: URLSearchParams): Record<string, unknown> {
  const asked = query.get('page');
  const number = asked !== null && /^\d{1,9}$/.test(asked) ? Number(asked) : 0;
  const totalPages = Math.ceil(items.length / TERMII_PAGE_SIZE);
  const content = items.slice(number * TERMII_PAGE_SIZE, (number + 1) * TERMII_PAGE_SIZE);
  return {
    content,
    number,
    size: TERMII_PAGE_SIZE,
    numberOfElements: content.length,
    totalElements: items.length,
    totalPages,
    first: number === 0,
    last: number + 1 >= totalPages,
    empty: content.length === 0,
  };
}
