import { Body, Controller, Get, Inject, Param, Put, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { mayAccess } from '@ot/access';
import type { CustomerPreferences } from '@ot/domain';
import { BearerAuth, forbidden, notFound, type RequestWithPrincipal, validatedBody } from '@ot/http';
import type { NotifierDeps } from '../notifier.deps';
import { NOTIFIER_DEPS } from '../notifier.tokens';
import { CustomerPreferencesQuery } from './customer-preferences.query';
import { PreferencesDto } from './preferences.dto';

/** Customers read and replace their own preferences; ops may act for any customer. A change releases what quiet hours held. */
@ApiTags('preferences')
@Controller('customers/:id/preferences')
@BearerAuth()
export class PreferencesController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps,
  ) {}

  @Get()
  @ApiOperation({ summary: "A customer's channels, quiet hours, language and time zone (the customer's own, or ops)" })
  @ApiForbiddenResponse({ description: "Another customer's preferences" })
  @ApiNotFoundResponse({ description: 'preferences-not-found' })
  async get(@Param('id') id: string, @Req() request: RequestWithPrincipal): Promise<CustomerPreferences> {
    assertOwnerOrOps(request, id);
    const preferences = await this.queries.execute(new CustomerPreferencesQuery(id));
    if (!preferences) throw notFound('preferences-not-found', 'Preferences not found', `no preferences for customer ${id}`);
    return preferences;
  }

  @Put()
  @ApiOperation({ summary: "Replace a customer's preferences (the customer's own, or ops)" })
  @ApiForbiddenResponse({ description: "Another customer's preferences" })
  async put(@Param('id') id: string, @Body(validatedBody()) body: PreferencesDto, @Req() request: RequestWithPrincipal): Promise<CustomerPreferences> {
    assertOwnerOrOps(request, id);
    const preferences = body.toPreferences(id);
    const before = await this.deps.preferences.get(id);
    await this.deps.preferences.put(preferences);
    // quiet hours removed, shortened or read in another zone: what they held is asked again on the next pass
    if (!before || quietHoursMoved(before, preferences)) await this.deps.store.releaseQuietHolds(id, this.deps.clock.now().toISOString());
    return preferences;
  }
}

/** Whether the quiet hours (or the zone they are read in) differ: a contact or channel changed holds nothing new. */
function quietHoursMoved(before: CustomerPreferences, after: CustomerPreferences): boolean {
  const q = (p: CustomerPreferences) => `${p.timeZone} ${p.quietHours?.start ?? ''}-${p.quietHours?.end ?? ''}`;
  return q(before) !== q(after);
}

/** The guard has put the principal there; a customer asking for someone else's preferences gets 403. */
function assertOwnerOrOps(request: RequestWithPrincipal, customerId: string): void {
  if (!request.principal || !mayAccess(request.principal, customerId)) throw forbidden('customers may only access their own preferences');
}
