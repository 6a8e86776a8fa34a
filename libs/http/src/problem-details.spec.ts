import { NotFoundException } from '@nestjs/common';
import { TokenRejected } from '@ot/access';
import { fieldErrorsOf, InvalidPayloadError } from './field-errors';
import { DomainError, type DomainErrorCode } from '@ot/domain';
import { problemOf } from './problem-details';

describe('problemOf', () => {
  it.each<[DomainErrorCode, number]>([
    ['ORDER_NOT_FOUND', 404],
    ['ORDER_ALREADY_EXISTS', 409],
    ['ILLEGAL_TRANSITION', 409],
    ['DUPLICATE_EVENT_ID_CONFLICT', 409],
    ['VERSION_CONFLICT', 412],
    ['INVALID_EVENT', 400],
  ])('maps DomainError %s to %i', (code, status) => {
    const problem = problemOf(new DomainError(code, 'because'));
    expect(problem).toMatchObject({ status, detail: 'because', type: expect.stringContaining('/problems/'), title: expect.any(String) });
  });

  it('names from and to on an illegal transition', () => {
    const error = new DomainError('ILLEGAL_TRANSITION', 'order o1 cannot go from Delivered to InTransit', { from: 'Delivered', to: 'InTransit' });
    expect(problemOf(error)).toMatchObject({ status: 409, from: 'Delivered', to: 'InTransit' });
  });

  it('lists the fields of an invalid payload', () => {
    const problem = problemOf(new InvalidPayloadError([{ field: 'origin.zip', message: 'origin.zip must be a string' }]));
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'origin.zip', message: 'origin.zip must be a string' }] });
  });

  it('keeps HTTP errors and hides unexpected ones', () => {
    expect(problemOf(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, title: 'Not Found', detail: 'Cannot GET /x' });
    const hidden = problemOf(new Error('connection string postgres://user:pw@db'));
    expect(hidden).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'unexpected error' });
  });
});

describe('one problem format for every route', () => {
  it('answers a refused bearer token as the typed 401 problem, with the reason and nothing more', () => {
    expect(problemOf(new TokenRejected('expired'))).toEqual({
      type: 'https://order-tracking.example/problems/unauthorized',
      title: 'Not authenticated',
      status: 401,
      reason: 'expired-token',
      detail: 'send Authorization: Bearer <token>',
    });
    expect(problemOf(new TokenRejected('bad-claims'))).toMatchObject({ status: 401, reason: 'invalid-token' });
  });

  it('names each bad field of a validated body as {field, message}', () => {
    const errors = [
      {
        property: 'contacts',
        children: [{ property: 'phone', constraints: { matches: 'contacts.phone must be E.164' }, children: [] }],
        constraints: undefined,
      },
    ];
    expect(problemOf(new InvalidPayloadError(fieldErrorsOf(errors as never)))).toMatchObject({
      status: 400,
      errors: [{ field: 'contacts.phone', message: 'contacts.phone must be E.164' }],
    });
  });
});
