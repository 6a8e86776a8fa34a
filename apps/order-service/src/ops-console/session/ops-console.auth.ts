import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { OpsConsoleGuard } from './ops-console.guard';

/** A console route: an ops token by `Authorization: Bearer` or the session cookie, and the bearer scheme in the OpenAPI document. */
export const OpsConsoleAuth = (): ClassDecorator & MethodDecorator => applyDecorators(UseGuards(OpsConsoleGuard), ApiBearerAuth());
