import { describe, expect, it } from '@jest/globals';
import { checkTermiiId, termiiPathSegment, termiiPathWithId } from '../../lib/common/path-segment.js';
import { TermiiValidationError } from '../../lib/index.js';

function issuesOf(run: () => unknown): { property: string; messages: string[] }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TermiiValidationError);
    return (error as TermiiValidationError).issues;
  }
  throw new Error('expected a TermiiValidationError');
}

describe('termiiPathSegment', () => {
  it.each([
    ['a UUID', 'f9c28de9-ab5a-4513-9c9f-338be8e442fd', 'f9c28de9-ab5a-4513-9c9f-338be8e442fd'],
    ['digits', '3647982', '3647982'],
    ['a safe integer', 3647982, '3647982'],
    ['a space and a plus, encoded', 'my list+1', 'my%20list%2B1'],
    ['a percent sign, encoded as itself', '50%off', '50%25off'],
    ['one dot inside', 'v1.2', 'v1.2'],
    ['unicode, encoded', 'lístá', 'l%C3%ADst%C3%A1'],
  ])('%s → %s', (_name, id, encoded) => {
    expect(termiiPathSegment('phonebookId', id)).toBe(encoded);
  });

  it.each([
    ['a slash', 'a/b', 'phonebookId must not contain "/"'],
    ['a question mark', 'a?api_key=x', 'phonebookId must not contain "?"'],
    ['a hash', 'a#b', 'phonebookId must not contain "#"'],
    ['two dots', '..', 'phonebookId must not contain ".."'],
    ['two dots inside', 'a..b', 'phonebookId must not contain ".."'],
    ['a backslash', 'a\\b', 'phonebookId must not contain "\\"'],
    ['a line break', 'a\nb', 'phonebookId must not contain control characters'],
    ['one dot', '.', 'phonebookId must not be empty'],
    ['empty', '', 'phonebookId must not be empty'],
    ['blank', '   ', 'phonebookId must not be empty'],
    ['too long', 'x'.repeat(129), 'phonebookId must be at most 128 characters'],
    ['a negative number', -1, 'phonebookId must be a string (or a whole number)'],
    ['an unsafe number', 2 ** 60, 'phonebookId must be a string (or a whole number)'],
    ['an object', { id: 1 }, 'phonebookId must be a string (or a whole number)'],
    ['undefined', undefined, 'phonebookId must be a string (or a whole number)'],
  ])('refuses %s, naming the field and why', (_name, id, message) => {
    expect(issuesOf(() => termiiPathSegment('phonebookId', id))).toStrictEqual([
      { property: 'phonebookId', messages: [message] },
    ]);
  });

  it('lists every rule an id breaks', () => {
    expect(issuesOf(() => termiiPathSegment('campaignId', '../a?b#c'))[0].messages).toStrictEqual([
      'campaignId must not contain "/"',
      'campaignId must not contain "?"',
      'campaignId must not contain "#"',
      'campaignId must not contain ".."',
    ]);
  });

  it('checkTermiiId gives the text unencoded; termiiPathWithId fills the template', () => {
    expect(checkTermiiId('pid', 'my list')).toBe('my list');
    expect(termiiPathWithId('/api/phonebooks/{id}/contacts', 'phonebookId', 'my list')).toBe(
      '/api/phonebooks/my%20list/contacts',
    );
  });
});
