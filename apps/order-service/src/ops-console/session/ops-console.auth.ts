import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { OpsConsoleGuard } from './ops-console.guard';
import { SESSION_COOKIE } from './ops-session';

/** A console route: an ops token by `Authorization: Bearer` or the session cookie, and either scheme in the OpenAPI document. */
export const OpsConsoleAuth = (): ClassDecorator & MethodDecorator =>
  applyDecorators(UseGuards(OpsConsoleGuard), ApiBearerAuth(), ApiCookieAuth(SESSION_COOKIE));
