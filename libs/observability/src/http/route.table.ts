import type { FastifyInstance } from 'fastify';

export type RegisteredRoute = Readonly<{ method: string; url: string }>;

const tables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Starts recording every route added to this Fastify instance, Nest's and the ones registered on
 * Fastify directly, so the API document can be checked against what is really served. HEAD routes
 * that Fastify adds beside each GET are left out.
 */
export function recordRoutes(fastify: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  tables.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
}

export const registeredRoutes = (fastify: FastifyInstance): readonly RegisteredRoute[] => tables.get(fastify) ?? [];

/** Fastify's `/orders/:id` as OpenAPI's `/orders/{id}`. */
export const openApiPathOf = (url: string): string => url.replace(/:(\w+)/g, '{$1}');
