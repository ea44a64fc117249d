import { describe, expect, it } from '@jest/globals';
import {
  listAllItems,
  readTermiiPage,
  termiiPage,
  TERMII_LIST_ALL_MAX_PAGES,
  type TermiiPage,
} from '../../lib/common/pages/termii-page.js';

/** Reads rows `{ id: string }`; anything else is unreadable. */
const readRow = (row: unknown) =>
  row !== null && typeof row === 'object' && typeof (row as { id?: unknown }).id === 'string'
    ? (row as { id: string }).id
    : undefined;
const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('readTermiiPage', () => {
  it('reads a Spring page: content, number from 0, totalElements, and last', () => {
    const body = { content: rows('a', 'b'), number: 0, size: 15, totalElements: 17, totalPages: 2, last: false };
    expect(readTermiiPage(body, readRow)).toEqual({
      items: ['a', 'b'],
      totalItems: 17,
      pageNumber: 0,
      hasNextPage: true,
    });
    expect(readTermiiPage({ ...body, number: 1, last: true }, readRow)).toMatchObject({
      pageNumber: 1,
      hasNextPage: false,
    });
  });

  it('reads a Spring page without last from number and totalPages', () => {
    expect(readTermiiPage({ content: rows('a'), number: 0, totalPages: 2 }, readRow)?.hasNextPage).toBe(true);
    expect(readTermiiPage({ content: rows('a'), number: 1, totalPages: 2 }, readRow)?.hasNextPage).toBe(false);
  });

  it('reads a flat Laravel page: data, current_page from 1, total, next_page_url (null on the last page)', () => {
    const body = {
      data: rows('a'),
      current_page: 1,
      last_page: 2,
      per_page: 15,
      total: 16,
      next_page_url: 'https://x/?page=2',
    };
    expect(readTermiiPage(body, readRow)).toEqual({ items: ['a'], totalItems: 16, pageNumber: 1, hasNextPage: true });
    expect(readTermiiPage({ ...body, current_page: 2, next_page_url: null }, readRow)?.hasNextPage).toBe(false);
    // Laravel 8+ adds `links` as an array of page links: not the resource's `links` object.
    expect(readTermiiPage({ ...body, links: [{ url: null, label: '1' }] }, readRow)?.hasNextPage).toBe(true);
  });

  it('reads a flat Laravel page without next_page_url from current_page and last_page', () => {
    expect(readTermiiPage({ data: rows('a'), current_page: 1, last_page: 3 }, readRow)?.hasNextPage).toBe(true);
    expect(readTermiiPage({ data: rows('a'), current_page: 3, last_page: 3 }, readRow)?.hasNextPage).toBe(false);
  });

  it('reads a Laravel resource: data, meta { current_page, last_page, total }, links { next }', () => {
    const body = {
      data: rows('a'),
      links: { first: 'https://x/?page=1', next: 'https://x/?page=2' },
      meta: { current_page: 1, last_page: 2, per_page: 15, total: 16 },
    };
    expect(readTermiiPage(body, readRow)).toEqual({ items: ['a'], totalItems: 16, pageNumber: 1, hasNextPage: true });
    expect(
      readTermiiPage({ ...body, links: { next: null }, meta: { ...body.meta, current_page: 2 } }, readRow),
    ).toEqual({ items: ['a'], totalItems: 16, pageNumber: 2, hasNextPage: false });
  });

  it('reads a bare array as the one and only page', () => {
    expect(readTermiiPage(rows('a', 'b'), readRow)).toEqual({ items: ['a', 'b'], totalItems: 2, hasNextPage: false });
  });

  it('reads page numbers and totals written as strings of digits', () => {
    expect(readTermiiPage({ data: rows('a'), current_page: '1', last_page: '2', total: '16' }, readRow)).toEqual({
      items: ['a'],
      totalItems: 16,
      pageNumber: 1,
      hasNextPage: true,
    });
  });

  it('says no next page without a page number of its own, or for an empty page', () => {
    expect(readTermiiPage({ content: rows('a'), last: false }, readRow)).toEqual({ items: ['a'], hasNextPage: false });
    expect(readTermiiPage({ content: [], number: 0, last: false }, readRow)?.hasNextPage).toBe(false);
    expect(readTermiiPage({ content: rows('a'), number: -1, last: false }, readRow)?.hasNextPage).toBe(false);
  });

  it.each([
    ['an object of another shape', { status: 'success' }],
    ['a string', 'page'],
    ['null', null],
    ['data that is not an array', { data: { id: 'a' } }],
    ['a Spring page with an unreadable row', { content: [{ id: 'a' }, { id: 1 }], number: 0, last: true }],
    ['a Laravel page with an unreadable row', { data: [null], current_page: 1, last_page: 1 }],
    ['a bare array with an unreadable row', [{ id: 'a' }, 'b']],
  ])('is undefined (the client then throws TermiiResponseError) for %s', (_name, body) => {
    expect(readTermiiPage(body, readRow)).toBeUndefined();
  });
});

describe('termiiPage', () => {
  it('asks for the next page as this page’s own number + 1, whichever numbering', async () => {
    const asked: number[] = [];
    const fetchPage = (page: number): Promise<TermiiPage<string>> => {
      asked.push(page);
      return Promise.resolve(termiiPage({ items: [], hasNextPage: false }, fetchPage));
    };
    await termiiPage({ items: ['a'], pageNumber: 0, hasNextPage: true }, fetchPage).nextPage();
    await termiiPage({ items: ['a'], pageNumber: 1, hasNextPage: true }, fetchPage).nextPage();
    expect(asked).toEqual([1, 2]);
  });

  it('resolves undefined after the last page, without asking', async () => {
    let asked = 0;
    const page = termiiPage({ items: ['a'], pageNumber: 3, hasNextPage: false }, () => {
      asked++;
      return Promise.reject(new Error('not asked'));
    });
    await expect(page.nextPage()).resolves.toBeUndefined();
    expect(asked).toBe(0);
  });
});

describe('listAllItems', () => {
  /** A list of `pages` pages (numbered from `base`) of two items each, recording each page asked for. */
  function pagedList(
    pages: number,
    base: 0 | 1,
    overrides: (page: number) => Partial<TermiiPage<string>> = () => ({}),
  ) {
    const asked: number[] = [];
    const fetchPage = (page: number): Promise<TermiiPage<string>> => {
      asked.push(page);
      const index = page - base;
      return Promise.resolve(
        termiiPage(
          {
            items: [`${index}a`, `${index}b`],
            pageNumber: page,
            hasNextPage: index + 1 < pages,
            ...overrides(page),
          },
          fetchPage,
        ),
      );
    };
    return { asked, first: () => fetchPage(base) };
  }
  const all = async (iterable: AsyncIterable<string>) => {
    const items: string[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  };

  it('walks every page in order, numbered from 0 or from 1, and stops after the last', async () => {
    for (const base of [0, 1] as const) {
      const list = pagedList(3, base);
      expect(await all(listAllItems(list.first))).toEqual(['0a', '0b', '1a', '1b', '2a', '2b']);
      expect(list.asked).toEqual([base, base + 1, base + 2]);
    }
  });

  it('asks for a page only when the previous one is used up', async () => {
    const list = pagedList(3, 0);
    const iterator = listAllItems(list.first)[Symbol.asyncIterator]();
    expect(list.asked).toEqual([]);
    await iterator.next();
    await iterator.next();
    expect(list.asked).toEqual([0]);
    await iterator.next();
    expect(list.asked).toEqual([0, 1]);
    await iterator.return(undefined);
  });

  it('stops at an empty page, even when it says more follow', async () => {
    const list = pagedList(9, 0, (page) => (page === 1 ? { items: [], hasNextPage: true } : {}));
    expect(await all(listAllItems(list.first))).toEqual(['0a', '0b']);
    expect(list.asked).toEqual([0, 1]);
  });

  it('stops when a page does not advance (a host that answers the same page again)', async () => {
    const list = pagedList(9, 0, (page) => (page === 1 ? { pageNumber: 0 } : {}));
    expect(await all(listAllItems(list.first))).toEqual(['0a', '0b']);
    expect(list.asked).toEqual([0, 1]);
  });

  it('stops after maxPages pages, TERMII_LIST_ALL_MAX_PAGES by default', async () => {
    const bounded = pagedList(Number.MAX_SAFE_INTEGER, 0);
    expect(await all(listAllItems(bounded.first, 2))).toEqual(['0a', '0b', '1a', '1b']);
    expect(bounded.asked).toEqual([0, 1]);
    expect(TERMII_LIST_ALL_MAX_PAGES).toBe(1_000);
    const endless = pagedList(Number.MAX_SAFE_INTEGER, 0);
    expect(await all(listAllItems(endless.first))).toHaveLength(2 * TERMII_LIST_ALL_MAX_PAGES);
    expect(endless.asked).toHaveLength(TERMII_LIST_ALL_MAX_PAGES);
  });

  it('ends with the error of a page that fails', async () => {
    const failing = () => Promise.reject(new Error('page failed'));
    const first = () => Promise.resolve(termiiPage({ items: ['a'], pageNumber: 0, hasNextPage: true }, failing));
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of listAllItems(first)) seen.push(item);
      })(),
    ).rejects.toThrow('page failed');
    expect(seen).toEqual(['a']);
  });
});
