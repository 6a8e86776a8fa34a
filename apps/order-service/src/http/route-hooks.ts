import type { FastifyInstance, RouteOptions } from 'fastify';

/** Calls `each` for every POST route registered under `urlPrefix`, before Fastify builds it (an onRoute hook). */
export function forPostRoutesUnder(fastify: FastifyInstance, urlPrefix: string, each: (route: RouteOptions) => void): void {
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith(urlPrefix) && methods.includes('POST')) each(route);
  });
}

/** A route's own hooks of one kind (none, one or a list) with `hook` run after them. */
export const withHookAfter = <H>(own: H | H[] | undefined, hook: H): H[] => [...(own === undefined ? [] : Array.isArray(own) ? own : [own]), hook];
