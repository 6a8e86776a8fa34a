import { localDateOf } from '@ot/domain';
import { datesInData, datesInText } from './message-dates.parser';

describe('datesInText', () => {
  it('reads English dates with and without weekday and year, and ISO dates', () => {
    expect(datesInText('We now expect to deliver it on Monday, October 2, 2017.', '2017-09-20')).toEqual(['2017-10-02']);
    expect(datesInText('It should arrive by 5 October 2017; or 2017-10-07.', '2017-09-20')).toEqual(['2017-10-05', '2017-10-07']);
    expect(datesInText('Please pick it up by October 5 at 6:00 PM.', '2017-09-20')).toEqual(['2017-10-05']);
    expect(datesInText('Thank you for your order 3f9a2017b1.', '2017-09-20')).toEqual([]);
  });

  it('takes the year whose weekday fits, nearest the send day, as a reader would', () => {
    // January 2 is a Tuesday in 2018 and a Monday in 2017: read late in 2017, each names its own year
    expect(datesInText('on Tuesday, January 2', '2017-12-28')).toEqual(['2018-01-02']);
    expect(datesInText('on Monday, January 2', '2017-12-28')).toEqual(['2017-01-02']);
    // December 1 was a Thursday in 2016: "eleven months ago" is what the customer reads
    expect(datesInText('on Thursday, December 1', '2017-11-10')).toEqual(['2016-12-01']);
    // no weekday: the send day's year (the product names the year otherwise)
    expect(datesInText('on January 2', '2017-12-28')).toEqual(['2017-01-02']);
  });
});

describe('datesInData', () => {
  it('reads ISO dates as days and instants as days in the given zone', () => {
    const inSaoPaulo = (ms: number) => localDateOf(ms, 'America/Sao_Paulo');
    // 02:00 UTC on the 3rd is still the 2nd in São Paulo
    expect(datesInData({ orderId: 'o1', expected: '2017-10-05', at: '2017-10-03T02:00:00Z', count: '3' }, inSaoPaulo)).toEqual(['2017-10-05', '2017-10-02']);
  });
});
