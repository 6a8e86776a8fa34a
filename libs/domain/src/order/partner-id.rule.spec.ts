import fc from 'fast-check';
import { ID_MAX_LENGTH, isValidId } from './partner-id.rule';

describe('partner id rule', () => {
  it.each([
    ['an empty string', ''],
    ['one past the limit', 'x'.repeat(ID_MAX_LENGTH + 1)],
    ['NUL', 'a\u0000b'],
    ['a C0 control', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['a right-to-left override', 'a\u202eb'],
    ['a left-to-right embedding', 'a\u202ab'],
    ['a first-strong isolate', 'a\u2068b'],
    ['an Arabic letter mark', 'a\u061cb'],
    ['a zero-width space', 'a\u200bb'],
    ['a byte order mark', '\ufeffab'],
    ['a lone surrogate', 'a\ud800b'],
    ['a private-use character', 'a\ue000b'],
    ['a paragraph separator', 'a\u2029b'],
    ['only spaces and no-break spaces', ' \u00a0\u3000 '],
    ['a dot segment', '..'],
    ['not a string', 42],
  ])('refuses %s', (_label, id) => {
    expect(isValidId(id)).toBe(false);
  });

  it.each([['x'.repeat(ID_MAX_LENGTH)], ['ord-1'], ['a b'], ['a/b?c#d%20'], ['pedido-\u{1f4e6}'], ['注文-7'], ['...'], [' padded ']])('accepts %j', (id) => {
    expect(isValidId(id)).toBe(true);
  });

  it('accepts every printable ASCII id that is not blank or a dot segment', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: ID_MAX_LENGTH }), (id) => {
        fc.pre(id.trim() !== '' && id !== '.' && id !== '..');
        expect(isValidId(id)).toBe(true);
      }),
    );
  });
});
