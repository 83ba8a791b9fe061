import 'reflect-metadata';
import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/*
 * The HTTP baseline of `npm run bench`: bare Nest on Fastify, one POST route that answers a small
 * JSON body and does nothing else (no logging, no guards, no validation). What the framework alone
 * costs per request on this machine, under the same load generator as the API.
 */

@Controller()
class NoopController {
  @Post('noop')
  @HttpCode(200)
  noop(): { ok: boolean } {
    return { ok: true };
  }

  @Get('health/live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [NoopController] })
class NoopModule {}

const app = await NestFactory.create<NestFastifyApplication>(NoopModule, new FastifyAdapter(), { logger: false });
app.enableShutdownHooks(['SIGTERM']);
await app.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1');
