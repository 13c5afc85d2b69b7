import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DaprHttpCore } from '../../src/components/api/dapr-http-core.js';
import {
  embeddedLocalStorage,
  localStorageBinding,
} from '../../src/components/bindings/localstorage/index.js';
import { BindingsRuntime } from '../../src/components/bindings-runtime.js';
import { binding, provideBindings } from '../../src/components/index.js';
import { Container, WebService } from '../../src/index.js';
import { conformance } from './conformance.js';
import { captureLogger, silentLogger, tempDir } from './support.js';

let root = '';
before(async () => {
  root = await tempDir('bindery-ls-');
});

conformance({
  type: localStorageBinding,
  metadata: () => ({ rootPath: root }),
  scenarios: (key) => [
    {
      name: 'create, get, list and delete one file',
      steps: [
        {
          operation: 'create',
          data: { id: 1, item: 'book' },
          metadata: { fileName: `${key}/order.json` },
          expect: { json: { fileName: `${key}/order.json` } },
        },
        {
          operation: 'get',
          metadata: { fileName: `${key}/order.json` },
          expect: { json: { id: 1, item: 'book' } },
        },
        { operation: 'list', metadata: { fileName: key }, expect: { json: [join(root, key, 'order.json')] } },
        { operation: 'delete', metadata: { fileName: `${key}/order.json` }, expect: { nothing: true } },
        {
          operation: 'get',
          metadata: { fileName: `${key}/order.json` },
          expect: { error: `file not found: ${key}/order.json` },
        },
      ],
    },
    {
      name: 'file names never leave rootPath',
      steps: [
        {
          operation: 'get',
          metadata: { fileName: '../outside' },
          expect: { error: /fileName "\.\.\/outside" escapes rootPath/ },
        },
        {
          operation: 'create',
          metadata: { fileName: '/etc/passwd' },
          expect: { error: /must be relative to rootPath, not absolute/ },
        },
      ],
    },
  ],
});

describe('bindings.localstorage', () => {
  let runtime: BindingsRuntime;
  let dir = '';
  before(async () => {
    dir = await tempDir('bindery-ls-');
    runtime = new BindingsRuntime({ logger: silentLogger() });
    runtime.add({ name: 'files', type: 'bindings.localstorage', metadata: { rootPath: dir } });
    runtime.add({
      name: 'raw',
      type: 'bindings.localstorage',
      metadata: { rootPath: join(dir, 'raw'), decodeBase64: 'false' },
    });
    await runtime.start();
  });
  after(() => runtime.close());

  test("keeps Dapr's create quirk: quoted data is unquoted, base64 is decoded", async () => {
    const core = new DaprHttpCore(runtime, { apiToken: '' });
    const send = (data: unknown, fileName: string) =>
      core.handleInvoke(
        'files',
        new TextEncoder().encode(JSON.stringify({ operation: 'create', data, metadata: { fileName } })),
        {},
      );
    await send('Hello World', 'hello.txt');
    assert.equal(await readFile(join(dir, 'hello.txt'), 'utf8'), 'Hello World');
    await send(Buffer.from('binary \x00\x01').toString('base64'), 'blob.bin');
    assert.deepEqual(await readFile(join(dir, 'blob.bin')), Buffer.from('binary \x00\x01'));
    // The known complaint: a word that happens to be base64 is decoded too.
    await send('test', 'word.txt');
    assert.deepEqual(await readFile(join(dir, 'word.txt')), Buffer.from('test', 'base64'));
  });

  test('decodeBase64: false stores data exactly as sent (the embedded default does this)', async () => {
    await runtime.invoke('raw', 'create', 'test', { fileName: 'word.txt' });
    assert.equal(await readFile(join(dir, 'raw', 'word.txt'), 'utf8'), 'test');
    assert.deepEqual(embeddedLocalStorage('orders'), {
      name: 'orders',
      type: 'bindings.localstorage',
      metadata: { rootPath: './data', decodeBase64: 'false' },
    });
  });

  test('create without a fileName picks a UUID', async () => {
    const result = await runtime.invoke('raw', 'create', 'x');
    const { fileName } = result.json<{ fileName: string }>();
    assert.match(fileName, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('list walks sub-folders in name order; an empty folder lists as null, like Dapr', async () => {
    await mkdir(join(dir, 'tree', 'b'), { recursive: true });
    await mkdir(join(dir, 'tree', 'empty'), { recursive: true });
    await writeFile(join(dir, 'tree', 'b', '2.txt'), '');
    await writeFile(join(dir, 'tree', 'a.txt'), '');
    const listed = await runtime.invoke('files', 'list', undefined, { fileName: 'tree' });
    assert.deepEqual(listed.json(), [join(dir, 'tree', 'a.txt'), join(dir, 'tree', 'b', '2.txt')]);
    assert.equal(
      (await runtime.invoke('files', 'list', undefined, { fileName: 'tree/empty' })).text(),
      'null',
    );
    await assert.rejects(runtime.invoke('files', 'list', undefined, { fileName: 'tree/a.txt' }), {
      message: 'unable to list files as the file specified is not a directory: tree/a.txt',
    });
  });

  test('a symlink that points outside rootPath is refused', async () => {
    const outside = await tempDir('bindery-outside-');
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(outside, join(dir, 'escape'));
    await assert.rejects(runtime.invoke('files', 'get', undefined, { fileName: 'escape/secret.txt' }), {
      message:
        'error getting absolute path for file escape/secret.txt: fileName "escape/secret.txt" goes through the symbolic link "escape"; localstorage follows no links',
    });
    await assert.rejects(
      runtime.invoke('files', 'create', 'x', { fileName: 'escape/new.txt' }),
      /goes through the symbolic link "escape"/,
    );
  });

  test('a dangling symlink is never written through, in-app or over the Dapr API', async () => {
    const outside = await tempDir('bindery-outside-');
    const target = join(outside, 'planted.txt');
    await symlink(target, join(dir, 'dangling.txt'));
    await mkdir(join(dir, 'deep'), { recursive: true });
    await symlink(join(outside, 'made'), join(dir, 'deep', 'folder'));
    await assert.rejects(runtime.invoke('files', 'create', 'x', { fileName: 'dangling.txt' }), {
      message:
        'error getting absolute path for file dangling.txt: fileName "dangling.txt" goes through the symbolic link "dangling.txt"; localstorage follows no links',
    });
    await assert.rejects(
      runtime.invoke('files', 'create', 'x', { fileName: 'deep/folder/x.txt' }),
      /goes through the symbolic link "deep\/folder"/,
    );
    const core = new DaprHttpCore(runtime, { apiToken: '' });
    const answer = await core.handleInvoke(
      'files',
      new TextEncoder().encode(
        JSON.stringify({ operation: 'create', data: 'x', metadata: { fileName: 'dangling.txt' } }),
      ),
      {},
    );
    assert.equal(answer.status, 500);
    assert.match(String(answer.body), /follows no links/);
    await assert.rejects(stat(target), { code: 'ENOENT' });
    await assert.rejects(stat(join(outside, 'made')), { code: 'ENOENT' });
    await assert.rejects(
      runtime.invoke('files', 'get', undefined, { fileName: 'dangling.txt' }),
      /follows no links/,
    );
  });

  test('a link inside the root is not followed either, for reading or writing', async () => {
    await writeFile(join(dir, 'real.txt'), 'real');
    await symlink(join(dir, 'real.txt'), join(dir, 'alias.txt'));
    await assert.rejects(
      runtime.invoke('files', 'get', undefined, { fileName: 'alias.txt' }),
      /follows no links/,
    );
    await assert.rejects(
      runtime.invoke('files', 'create', 'y', { fileName: 'alias.txt' }),
      /follows no links/,
    );
    assert.equal(await readFile(join(dir, 'real.txt'), 'utf8'), 'real');
  });

  test('named pipes and sockets are refused instead of blocking or being written', {
    skip: process.platform === 'win32' ? 'no named pipes in the file system' : false,
  }, async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await assert.rejects(runtime.invoke('files', 'get', undefined, { fileName: 'pipe' }), {
      message: 'fileName "pipe" is a named pipe, not a file',
    });
    await assert.rejects(
      runtime.invoke('files', 'create', 'x', { fileName: 'pipe' }),
      /named pipe, not a file/,
    );
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'sock'), resolve));
    try {
      await assert.rejects(runtime.invoke('files', 'get', undefined, { fileName: 'sock' }), {
        message: 'fileName "sock" is a socket, not a file',
      });
      await assert.rejects(runtime.invoke('files', 'create', 'x', { fileName: 'sock' }), /socket/);
    } finally {
      server.close();
    }
  });

  test('a device file is refused for reading and writing', async (t) => {
    // Making a device node needs root (CAP_MKNOD); /dev/null's numbers, so nothing real is touched.
    try {
      execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      t.skip('mknod is not allowed here (device nodes need root)');
      return;
    }
    await assert.rejects(runtime.invoke('files', 'get', undefined, { fileName: 'null' }), {
      message: 'fileName "null" is a device, not a file',
    });
    await assert.rejects(
      runtime.invoke('files', 'create', 'x', { fileName: 'null' }),
      /is a device, not a file/,
    );
  });

  test('delete reports a missing file the Go way, and never removes rootPath itself', async () => {
    await assert.rejects(runtime.invoke('files', 'delete', undefined, { fileName: 'ghost.txt' }), {
      message: 'error deleting file ghost.txt: remove ghost.txt: no such file or directory',
    });
    await assert.rejects(runtime.invoke('files', 'delete'), /refusing to delete rootPath itself/);
  });

  test('rootPath must not be a system folder', async () => {
    const bad = new BindingsRuntime({ logger: silentLogger() });
    bad.add({ name: 'proc', type: 'bindings.localstorage', metadata: { rootPath: '/proc/self' } });
    await assert.rejects(
      bad.start(),
      /init failed: (property rootPath points to a disallowed location|unable to create)/,
    );
  });

  test('a refused file name answers without server paths and logs a warning without a stack', async () => {
    const { logger, lines } = captureLogger();
    const ws = new WebService('/files');
    ws.get('/{name}')
      .inject({ store: binding('files') })
      .to(async ({ path }, { store }) =>
        (await store.invoke('get', undefined, { fileName: path.name })).text(),
      );
    const container = new Container({ logger }).add(ws);
    provideBindings(container, runtime);
    try {
      const climb = await container.inject({ method: 'GET', url: '/files/..%2Fsecret' });
      assert.equal(climb.status, 502);
      const refusal = lines.find((l) => l.msg.includes('escapes rootPath'));
      assert.equal(refusal?.level, 40);
      assert.equal(JSON.stringify(refusal).includes('stack'), false);
      const missing = await container.inject({ method: 'GET', url: '/files/nothing-here.txt' });
      assert.equal(missing.status, 502);
      assert.equal((missing.json() as { detail: string }).detail, 'file not found: nothing-here.txt');
      assert.equal(missing.body.includes(dir), false);
    } finally {
      await container.close();
    }
  });
});
