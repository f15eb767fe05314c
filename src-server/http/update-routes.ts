import { type FastifyPluginAsync } from 'fastify';
import { supportFor } from '../licenses/customer-support';
import { lapseOverdueOrders } from '../renewals/lapse';
import { isSafeFileName, ReleaseFeed } from '../updates/release-feed';
import { LICENSE_TOKEN_HEADER } from '../updates/license-token';
import { UpdateGate } from '../updates/update-gate';
import { DomainError } from '../domain/domain-error';
import { type RouteOptions } from './route-options';

/**
 * The generic electron-updater feed (`publish: provider generic, url …/updates`), gated by license: the desktop
 * app forwards its signed license in the x-license-token header and gets a file only if its term covers the
 * release. The token is checked before the feed is consulted, so whoever has no license learns nothing about
 * which files the folder holds.
 */
export const updateRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, limited }) => {
  const feed = new ReleaseFeed(ctx.config.releasesPath);
  const gate = new UpdateGate(ctx.licenses, ctx.key, ctx.clock, async (licenseId) => {
    const license = await ctx.licenses.findById(licenseId);
    return license ? supportFor(ctx, license) : undefined;
  });

  app.route<{ Params: { file: string } }>({
    method: ['GET', 'HEAD'],
    url: '/updates/:file',
    // An access check: whatever is wrong with the license, the feed answers 403 (error-status.ts).
    config: { ...limited.config, accessCheck: true },
    handler: async (request, reply) => {
      // A name that could leave the folder is no file of the feed, whoever asks.
      if (!isSafeFileName(request.params.file)) throw new DomainError('not-found', 'no such update file');
      await lapseOverdueOrders(ctx); // an order past its due date no longer opens the feed
      const grant = await gate.authorize(request.headers[LICENSE_TOKEN_HEADER]);
      const lookup = await feed.lookup(request.params.file);
      if ('invalidChannel' in lookup) {
        request.log.error({ file: request.params.file, problem: lookup.invalidChannel }, 'release channel file is not valid');
        throw new DomainError('not-found', 'no such update file');
      }
      if ('missing' in lookup) throw new DomainError('not-found', 'no such update file');
      gate.assertCovers(grant, lookup.found.releaseDay);
      const opened = await feed.open(lookup.found);
      if (!opened) throw new DomainError('not-found', 'no such update file');
      void reply
        .header('content-type', lookup.found.kind === 'channel' ? 'text/yaml; charset=utf-8' : 'application/octet-stream')
        .header('content-length', opened.size)
        // Access depends on the license, so no shared cache may keep a copy; ranges are not offered, and
        // electron-updater then falls back from a differential to a full download.
        .header('cache-control', 'private, no-store')
        .header('accept-ranges', 'none');
      if (request.method === 'HEAD') {
        await opened.handle.close();
        return reply.send();
      }
      // The stream closes the file when it ends or the client goes away.
      return reply.send(opened.handle.createReadStream());
    },
  });
};
