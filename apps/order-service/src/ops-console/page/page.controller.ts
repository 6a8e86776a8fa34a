import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { notFound } from '@ot/http';
import type { FastifyReply } from 'fastify';
import { type Asset, loadConsoleAssets } from './console-assets';

/** Scripts, styles and data only from this origin; the page never runs inline script. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

/**
 * The ops console page: one static HTML shell (it holds no data; every panel reads /ops/api with
 * the session cookie, so signing in happens in the page) and its assets.
 */
@ApiTags('ops console')
@Controller('ops')
export class PageController {
  private readonly assets = loadConsoleAssets();

  @Get()
  @ApiOperation({ summary: 'The ops console page (static HTML; its panels read /ops/api)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'the page shell' })
  page(@Res() reply: FastifyReply): void {
    this.send(reply, this.assets.get('console.html')!, 'no-cache');
  }

  @Get('assets/:file')
  @ApiOperation({ summary: 'A script, style or chart library file of the console page, served from this repo or node_modules' })
  @ApiOkResponse({ description: 'the file, with its content type' })
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = file === 'console.html' ? undefined : this.assets.get(file);
    if (!asset) throw notFound('asset-not-found', 'Not found', `no asset ${file}`);
    this.send(reply, asset, 'no-cache');
  }

  private send(reply: FastifyReply, asset: Asset, cacheControl: string): void {
    void reply
      .header('content-type', asset.type)
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', cacheControl)
      .send(asset.body);
  }
}
