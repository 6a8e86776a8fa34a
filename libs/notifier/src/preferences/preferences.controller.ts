import { Body, Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Put, Req, UseGuards } from '@nestjs/common';
import type { CustomerPreferences } from '@ot/domain';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import type { RequestWithPrincipal } from '../auth/principal';
import type { NotifierDeps } from '../notifier.deps';
import { NOTIFIER_DEPS } from '../notifier.tokens';
import { PreferencesDto } from './preferences.dto';

/** Customers read and replace their own preferences; ops may act for any customer. */
@Controller('customers/:id/preferences')
@UseGuards(JwtAuthGuard)
export class PreferencesController {
  constructor(@Inject(NOTIFIER_DEPS) private readonly deps: NotifierDeps) {}

  @Get()
  async get(@Param('id') id: string, @Req() request: RequestWithPrincipal): Promise<CustomerPreferences> {
    assertSelfOrOps(request, id);
    const preferences = await this.deps.preferences.get(id);
    if (!preferences) throw new NotFoundException(`no preferences for customer ${id}`);
    return preferences;
  }

  @Put()
  async put(@Param('id') id: string, @Body() body: PreferencesDto, @Req() request: RequestWithPrincipal): Promise<CustomerPreferences> {
    assertSelfOrOps(request, id);
    const preferences = body.toPreferences(id);
    await this.deps.preferences.put(preferences);
    return preferences;
  }
}

function assertSelfOrOps(request: RequestWithPrincipal, customerId: string): void {
  const who = request.principal;
  if (!who || (who.role !== 'ops' && who.sub !== customerId)) throw new ForbiddenException('customers may only access their own preferences');
}
