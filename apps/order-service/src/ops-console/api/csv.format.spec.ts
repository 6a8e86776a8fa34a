import { csvOf } from './csv.format';

describe('csvOf', () => {
  it('quotes what a CSV reader would otherwise split, and defuses formulas', () => {
    expect(
      csvOf(
        ['id', 'note', 'n'],
        [
          ['o1', 'late, "very"\nreally', 3],
          ['o2', '=HYPERLINK("x")', undefined],
        ],
      ),
    ).toBe('id,note,n\r\no1,"late, ""very""\nreally",3\r\no2,"\'=HYPERLINK(""x"")",\r\n');
  });
});
