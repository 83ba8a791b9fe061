import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { NotFoundError } from '#core';
import { webAssets } from '#web';
import { Public } from '../../platform/auth/public.decorator.js';
import { problemContent } from '../../platform/openapi/problem-schema.js';

/**
 * The pages' static files (libs/web/assets), from a fixed list read at start-up. A URL with the
 * file's current hash (`?v=`, as pages link to it) may be cached for a year; any other for five
 * minutes, revalidated by ETag.
 */
@ApiTags('pages')
@Controller('assets')
export class AssetsController {
  private readonly assets = webAssets();

  @Get(':name')
  @Public()
  @ApiOperation({
    operationId: 'getWebAsset',
    summary: 'A static file of the web pages (their stylesheets), served from the package',
    description: 'No token needed. Pages link to each file with its hash (`?v=`), so it may be cached for a year; without the hash, for five minutes, revalidated by ETag.',
  })
  @ApiParam({ name: 'name', description: 'The file name, e.g. compact.css.', example: 'compact.css' })
  @ApiQuery({ name: 'v', required: false, description: 'The file\'s hash, as pages link to it: with it the file may be cached for a year.' })
  @ApiProduces('text/css')
  @ApiResponse({ status: 200, description: 'The file.', content: { 'text/css': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched the ETag).' })
  @ApiResponse({ status: 404, description: 'No such file.', content: problemContent })
  serve(
    @Param('name') name: string,
    @Query('v') version: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Buffer | string {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundError(`There is no asset ${name}.`, 'ASSET.NOT_FOUND');
    const etag = `"${asset.hash}"`;
    reply.header('etag', etag);
    reply.header('cache-control', version === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate');
    reply.header('content-type', asset.contentType);
    reply.header('x-content-type-options', 'nosniff');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === etag)) {
      reply.status(304);
      return '';
    }
    return asset.body;
  }
}
