import { SetMetadata } from '@nestjs/common';

export const ROLES = ['customer', 'ops'] as const;
export type Principal = Readonly<{ sub: string; role: (typeof ROLES)[number] }>;
export type RequestWithPrincipal = { headers: Record<string, string | undefined>; principal?: Principal };

/** Marks a route for operators only (role "ops"); everything else is open to any authenticated caller. */
export const OPS_ONLY = 'notifier:ops-only';
export const OpsOnly = () => SetMetadata(OPS_ONLY, true);
