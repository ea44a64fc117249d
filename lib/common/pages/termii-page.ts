import { jsonObjectOf, wholeNumberOf as wholeNumber } from '../answer-fields.js';

/**
 * One page of a Termii list, whichever shape Termii answered it in (see `readTermiiPage`), with the way to
 * the next one. Lists are read-only: asking for a page is a GET, retried like every read.
 */
export interface TermiiPage<T> {
  /** The items of this page, in Termii's order. */
  readonly items: T[];
  /** How many items the whole list holds, when Termii says. */
  readonly totalItems?: number;
  /**
   * The page's number as Termii wrote it: from 0 on hosts that answer Spring pages, from 1 on those that
   * answer Laravel pages. `undefined` when the answer had none (then there is no next page to ask for).
   */
  readonly pageNumber?: number;
  /** Whether Termii says another page follows. */
  readonly hasNextPage: boolean;
  /**
   * The next page (asked for with `page` = this page's own number + 1, right for either numbering), or
   * `undefined` after the last page.
   */
  nextPage(): Promise<TermiiPage<T> | undefined>;
}

/** What a page answer holds, before it is given the way to its next page. */
export interface TermiiPageContents<T> {
  items: T[];
  totalItems?: number;
  pageNumber?: number;
  hasNextPage: boolean;
}

/**
 * The most pages `listAll` reads (one GET each) before it stops: 1 000 pages, 15 000 items at Termii's
 * 15 a page. A bound, so that a host that always says "more" cannot keep a loop going for ever.
 */
export const TERMII_LIST_ALL_MAX_PAGES = 1_000;

function readItems<T>(raw: unknown[], readItem: (item: unknown) => T | undefined): T[] | undefined {
  const items: T[] = [];
  for (const entry of raw) {
    const item = readItem(entry);
    // One row that is not what Termii documents makes the answer unreadable: better an error than a list
    // that silently lacks a row.
    if (item === undefined) return undefined;
    items.push(item);
  }
  return items;
}

function contents<T>(
  items: T[],
  pageNumber: number | undefined,
  totalItems: number | undefined,
  hasNextPage: boolean,
): TermiiPageContents<T> {
  return {
    items,
    ...(totalItems !== undefined ? { totalItems } : {}),
    ...(pageNumber !== undefined ? { pageNumber } : {}),
    // Without its own number, the answer gives no way to ask for the next page.
    hasNextPage: hasNextPage && pageNumber !== undefined && items.length > 0,
  };
}

/**
 * The page in a list answer, read with `readItem` for each row, in any of the shapes Termii has served:
 * - Spring (current hosts): `{ content: [...], number (from 0), size, totalElements, totalPages, last }`;
 * - Laravel: `{ data: [...], current_page (from 1), last_page, per_page, total, next_page_url }`;
 * - a Laravel resource: `{ data: [...], meta: { current_page, last_page, total }, links: { next } }`;
 * - a bare array: one page, the only one.
 * `undefined` (the client then throws `TermiiResponseError`) for anything else, or when a row is unreadable.
 */
export function readTermiiPage<T>(
  body: unknown,
  readItem: (item: unknown) => T | undefined,
): TermiiPageContents<T> | undefined {
  if (Array.isArray(body)) {
    const items = readItems(body, readItem);
    return items && { items, totalItems: items.length, hasNextPage: false };
  }
  const fields = jsonObjectOf(body);
  if (fields === undefined) return undefined;
  if (Array.isArray(fields['content'])) {
    const items = readItems(fields['content'], readItem);
    if (items === undefined) return undefined;
    const pageNumber = wholeNumber(fields['number']);
    const totalPages = wholeNumber(fields['totalPages']);
    const hasNext =
      typeof fields['last'] === 'boolean'
        ? !fields['last']
        : pageNumber !== undefined && totalPages !== undefined && pageNumber + 1 < totalPages;
    return contents(items, pageNumber, wholeNumber(fields['totalElements']), hasNext);
  }
  if (Array.isArray(fields['data'])) {
    const items = readItems(fields['data'], readItem);
    if (items === undefined) return undefined;
    const meta = jsonObjectOf(fields['meta']) ?? fields;
    const links = jsonObjectOf(fields['links']) ?? {};
    const pageNumber = wholeNumber(meta['current_page']);
    const lastPage = wholeNumber(meta['last_page']);
    const nextUrl = fields['next_page_url'] ?? links['next'];
    const hasNext =
      typeof nextUrl === 'string' && nextUrl !== ''
        ? true
        : pageNumber !== undefined && lastPage !== undefined && nextUrl === undefined && pageNumber < lastPage;
    return contents(items, pageNumber, wholeNumber(meta['total']), hasNext);
  }
  return undefined;
}

/**
 * A `TermiiPage` of `page`, whose `nextPage()` calls `fetchPage` with this page's number + 1 (or resolves
 * `undefined` after the last page).
 */
export function termiiPage<T>(
  page: TermiiPageContents<T>,
  fetchPage: (pageNumber: number) => Promise<TermiiPage<T>>,
): TermiiPage<T> {
  const { pageNumber, hasNextPage } = page;
  return {
    ...page,
    nextPage: () => (hasNextPage && pageNumber !== undefined ? fetchPage(pageNumber + 1) : Promise.resolve(undefined)),
  };
}

/**
 * Every item of a list, page after page from `first` (one GET per page, asked for only when the previous
 * page's items are used up). Stops after the last page, at an empty page, when a page does not advance
 * (a host that answers the same page again), and after `maxPages` pages.
 */
export async function* listAllItems<T>(
  first: () => Promise<TermiiPage<T>>,
  maxPages: number = TERMII_LIST_ALL_MAX_PAGES,
): AsyncGenerator<T, void, undefined> {
  let page: TermiiPage<T> | undefined = await first();
  for (let read = 1; page !== undefined; read++) {
    yield* page.items;
    if (page.items.length === 0 || !page.hasNextPage || read >= maxPages) return;
    const next: TermiiPage<T> | undefined = await page.nextPage();
    if (next?.pageNumber !== undefined && page.pageNumber !== undefined && next.pageNumber <= page.pageNumber) return;
    page = next;
  }
}
