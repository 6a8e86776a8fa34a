import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type BearerTokenVerifier, LINK_LANGUAGES, type LinkLanguage, type OrderLink } from '@ot/access';
import { BEARER_VERIFIER, notFound, preferredLanguage } from '@ot/http';
import type { FastifyReply } from 'fastify';
import { type Asset, loadCustomerPageAssets } from './customer-page.assets';
import { customerPageHtml, expiredLinkHtml } from './customer-page.html';

/** Our script and style only; the token sits in the URL, so no page may learn it from a Referer. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

/**
 * The page a delay message links to (/t/<link token>), the SMS short link that redirects to it
 * (/s/<token>), and the page's files. The page reads and acts through the order's API routes with
 * the link token as its bearer token, which reaches that one order's customer routes only.
 */
@ApiTags('customer page')
@Controller()
export class CustomerPageController {
  private readonly assets = loadCustomerPageAssets();

  constructor(@Inject(BEARER_VERIFIER) private readonly tokens: BearerTokenVerifier) {}

  @Get('t/:token')
  @ApiOperation({ summary: "The customer's order page: status, ETA window, delay reason, timeline, the actions allowed now (ru/en)" })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'The page (its script reads /orders/:id, /summary and /actions with the link as bearer token); 401 page when the link is refused',
  })
  page(
    @Param('token') token: string,
    @Query('lang') lang: string | undefined,
    @Query('action') action: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    const link = this.linkOf(token);
    if (!link)
      return this.send(reply.status(401), {
        type: 'text/html; charset=utf-8',
        body: Buffer.from(expiredLinkHtml(languageOf(lang, undefined, acceptLanguage))),
      });
    const language = languageOf(lang, link.language, acceptLanguage);
    const html = customerPageHtml({ orderId: link.orderId, token, language, ...(action ? { action } : {}) });
    this.send(reply, { type: 'text/html; charset=utf-8', body: Buffer.from(html) });
  }

  @Get('s/:code')
  @ApiOperation({ summary: 'The short link of an SMS: redirects to the order page' })
  @ApiFoundResponse({ description: 'Location: /t/<token>' })
  short(@Param('code') code: string, @Res() reply: FastifyReply): void {
    void reply
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .redirect(`/t/${encodeURIComponent(code)}`, 302);
  }

  @Get('t/assets/:file')
  @ApiOperation({ summary: "The customer page's script or style" })
  @ApiOkResponse({ description: 'the file, with its content type' })
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.get(file);
    if (!asset) throw notFound('asset-not-found', 'Not found', `no asset ${file}`);
    this.send(reply, asset);
  }

  private linkOf(token: string): OrderLink | undefined {
    try {
      return this.tokens.links.verify(token);
    } catch {
      return undefined;
    }
  }

  private send(reply: FastifyReply, asset: Asset): void {
    void reply
      .header('content-type', asset.type)
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .send(asset.body);
  }
}

/** ?lang= (the page's switch), else the link's language, else the one of ru/en the browser prefers (q-values). */
function languageOf(lang: string | undefined, linked: LinkLanguage | undefined, acceptLanguage: string | undefined): LinkLanguage {
  if (LINK_LANGUAGES.includes(lang as LinkLanguage)) return lang as LinkLanguage;
  if (linked) return linked;
  return preferredLanguage(acceptLanguage, LINK_LANGUAGES) ?? 'en';
}
