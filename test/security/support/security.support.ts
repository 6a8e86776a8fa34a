import type { LightMyRequestResponse } from 'fastify';

/** Shared by the security suites: what every rejection must look like, and hand-made hostile tokens. */

/** RFC 9457: the content type and the four members a client needs to understand the rejection. */
export function expectProblem(res: LightMyRequestResponse, status: number): Record<string, unknown> {
  expect({ status: res.statusCode, contentType: res.headers['content-type'] }).toEqual({
    status,
    contentType: expect.stringContaining('application/problem+json'),
  });
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect((body.detail as string).length).toBeGreaterThan(0);
  return body;
}

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token ("alg": "none"): a verifier that trusts the header would accept it. */
export const unsignedToken = (sub: string, role: string): string =>
  `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub, role, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
