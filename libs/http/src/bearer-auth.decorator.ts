import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { BearerAuthGuard } from './bearer-auth.guard';

/**
 * A controller or route that takes `Authorization: Bearer <JWT>`: the guard, and the same fact in the
 * OpenAPI document, so a generated client sends the token (one decorator, so the two cannot part).
 */
export const BearerAuth = (): ClassDecorator & MethodDecorator => applyDecorators(UseGuards(BearerAuthGuard), ApiBearerAuth());
