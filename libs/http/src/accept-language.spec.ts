import { preferredLanguage } from './accept-language';

const offered = ['en', 'ru'] as const;

describe('preferredLanguage (Accept-Language)', () => {
  it.each([
    ['en;q=0.1, ru;q=0.9', 'ru'],
    ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
    ['pt-BR, en-US;q=0.8, ru;q=0.9', 'ru'], // pt is not offered
    ['en;q=0.1, pt-BR;q=0.9', 'en'],
    ['ru, en', 'ru'], // a tie: the header's order
    ['en, ru', 'en'],
    ['ru;q=0, *', 'en'], // refused, then anything else
    ['*;q=0.5, ru', 'ru'],
    ['RU;Q=0.8, de', 'ru'],
    ['ru;q=2, en;q=0.5', 'en'], // a malformed q counts for nothing
    ['ru;q=abc', undefined],
    ['de, fr;q=0.9', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s -> %s', (header, language) => {
    expect(preferredLanguage(header, offered)).toBe(language);
  });
});
