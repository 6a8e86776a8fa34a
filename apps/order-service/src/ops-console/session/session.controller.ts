import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { BearerTokenVerifier } from '@ot/access';
import { BEARER_VERIFIER, forbidden, type RequestWithPrincipal, validatedBody } from '@ot/http';
import { IsJWT } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OpsConsoleAuth } from './ops-console.auth';
import { clearedSessionCookie, CsrfTokens, cookieValue, SESSION_COOKIE, sessionCookie } from './ops-session';

export class SignInDto {
  @ApiProperty({ description: 'An ops bearer token (npm run -s token -- <name> ops)' })
  @IsJWT()
  token!: string;
}

export class SessionDto {
  @ApiProperty() sub!: string;
  @ApiProperty({ description: 'Send back as X-CSRF-Token on every state-changing request' }) csrfToken!: string;
}

/** Sign-in: an ops token is exchanged for an HttpOnly, SameSite=Strict cookie scoped to /ops. */
@ApiTags('ops console')
@Controller('ops')
export class SessionController {
  constructor(
    @Inject(BEARER_VERIFIER) private readonly tokens: BearerTokenVerifier,
    private readonly csrf: CsrfTokens,
  ) {}

  @Post('session')
  @ApiOperation({ summary: 'Sign in to the console: an ops token exchanged for a session cookie scoped to /ops' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed in: the session cookie is set' })
  @ApiForbiddenResponse({ description: 'Not an ops token: no cookie' })
  signIn(@Body(validatedBody()) body: SignInDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    if (this.tokens.principalOf(`Bearer ${body.token}`).role !== 'ops') throw forbidden('operators only');
    reply.header('set-cookie', sessionCookie(body.token, request.protocol === 'https'));
  }

  @Get('api/session')
  @ApiOperation({ summary: 'Who is signed in, and the CSRF token state-changing requests must carry' })
  @OpsConsoleAuth()
  @ApiOkResponse({ type: SessionDto })
  session(@Req() request: FastifyRequest & RequestWithPrincipal): SessionDto {
    const token = cookieValue(request.headers.cookie, SESSION_COOKIE) ?? '';
    return { sub: request.principal!.sub, csrfToken: token ? this.csrf.for(token) : '' };
  }

  @Delete('session')
  @ApiOperation({ summary: 'Sign out: the session cookie cleared' })
  @HttpCode(204)
  @OpsConsoleAuth()
  signOut(@Res({ passthrough: true }) reply: FastifyReply): void {
    reply.header('set-cookie', clearedSessionCookie);
  }
}
