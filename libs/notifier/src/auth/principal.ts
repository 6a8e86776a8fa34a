import { SetMetadata } from '@nestjs/common';

import type { Principal } from '@ot/access';

export type RequestWithPrincipal = { headers: Record<string, string | undefined>; principal?: Principal };

/** Marks a route for operators only (role "ops"); everything else is open to any authenticated caller. */
export const OPS_ONLY = 'notifier:ops-only';
export const OpsOnly = () => SetMetadata(OPS_ONLY, true);
