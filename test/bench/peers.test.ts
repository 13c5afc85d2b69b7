import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { checkPeer } from '../../bench/http/check.js';
import { inProcessSend } from '../../bench/http/inproc-batch.js';
import type { PeerApp } from '../../bench/http/peer.js';
import { loadPeer, PEER_NAMES } from '../../bench/http/servers/index.js';
import { socketSend } from '../../bench/http/socket-send.js';

/**
 * The benchmark is only fair if every peer does the same work, so every peer must give the
 * spec's answers to every case, over a socket and through the in-process driver alike.
 */
describe('benchmark peers answer as the spec says', () => {
  for (const name of PEER_NAMES) {
    it(name, async (t) => {
      const loaded = await loadPeer(name);
      if (!loaded.ok) {
        // Bindery's server is written against its public API; until that API loads it is skipped.
        assert.equal(name, 'bindery', `${name} must load: ${loaded.reason}`);
        t.skip(loaded.reason);
        return;
      }
      const app: PeerApp = await loaded.peer.create();
      const server = createServer(app.listener);
      t.after(async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await app.close();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;

      assert.deepEqual(await checkPeer(socketSend(port)), [], 'over a socket');
      assert.deepEqual(await checkPeer(inProcessSend(app.listener)), [], 'in process');
    });
  }
});
