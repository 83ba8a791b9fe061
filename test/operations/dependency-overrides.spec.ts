import { FileTypeValidator } from '@nestjs/common';
import fastify from 'fastify';

/*
 * package.json `overrides` swap two packages for their previous majors, which declare Node 20:
 * file-type 21 (for @nestjs/common's FileTypeValidator) and cookie 1 (for light-my-request, behind
 * fastify's inject). These check that what calls them still works with what is installed.
 */

/** The eight-byte PNG signature and the start of an IHDR chunk: enough for file-type to tell. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe('overridden dependencies', () => {
  it('file-type 21 lets Nest\'s FileTypeValidator recognise a file by its bytes', async () => {
    const validator = new FileTypeValidator({ fileType: 'image/png' });
    await expect(validator.isValid({ mimetype: 'image/png', size: PNG.length, buffer: PNG })).resolves.toBe(true);
    // Labelled PNG but not one: only reading the bytes can refuse it.
    const text = Buffer.from('just some text, not an image at all');
    await expect(validator.isValid({ mimetype: 'image/png', size: text.length, buffer: text })).resolves.toBe(false);
  });

  it('cookie 1 lets fastify\'s inject send cookies and read them back from set-cookie', async () => {
    const app = fastify();
    app.get('/', async (request, reply) => {
      void reply.header('set-cookie', 'seen=yes; Path=/');
      return { cookie: request.headers.cookie };
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/', cookies: { session: 'a b', other: '1' } });
      expect(response.json()).toEqual({ cookie: 'session=a%20b; other=1' });
      expect(response.cookies).toEqual([expect.objectContaining({ name: 'seen', value: 'yes', path: '/' })]);
    } finally {
      await app.close();
    }
  });
});
