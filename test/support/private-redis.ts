import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A redis-server of its own on a free loopback port, for fault tests: it can be frozen
 * (SIGSTOP), thawed, killed and restarted on the same port without touching the shared server.
 */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly args: readonly string[] = [],
  ) {}

  /**
   * A sentinel of its own watching `masterPort` under `masterName` (its config file in the temp
   * folder, since a sentinel rewrites it); undefined when no redis-server binary is installed.
   */
  static async startSentinel(masterName: string, masterPort: number): Promise<PrivateRedis | undefined> {
    const port = await freePort();
    const config = join(tmpdir(), `bindery-sentinel-${port}-${process.pid}.conf`);
    await writeFile(config, `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} 1\n`);
    return PrivateRedis.start([config, '--sentinel'], port);
  }

  /** Starts one, or resolves undefined when no redis-server binary is installed. */
  static async start(args: readonly string[] = [], fixedPort?: number): Promise<PrivateRedis | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const redis = new PrivateRedis(fixedPort ?? (await freePort()), args);
      try {
        await redis.restart();
        return redis;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      }
    }
    throw new Error('could not start a private redis-server');
  }

  /**
   * A skip message when redis-server is not installed, or false. With
   * BINDERY_REQUIRE_SERVICES=1 a missing binary is a failure instead.
   */
  static async skip(): Promise<string | false> {
    const redis = await PrivateRedis.start();
    if (redis !== undefined) {
      await redis.stop();
      return false;
    }
    const message = 'redis-server is not installed (apt-get install redis-server)';
    if (process.env.BINDERY_REQUIRE_SERVICES === '1')
      throw new Error(`${message} and BINDERY_REQUIRE_SERVICES=1 requires it`);
    return `${message}; skipped`;
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** (Re)starts the server on its port and waits until it answers. */
  async restart(): Promise<void> {
    const own = this.args.includes('--sentinel')
      ? [...this.args, '--port', String(this.port), '--bind', '127.0.0.1']
      : [
          '--port',
          String(this.port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          ...this.args,
        ];
    const child = spawn('redis-server', own, { stdio: 'ignore' });
    this.child = child;
    const failed = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    await Promise.race([waitForPing(this.port), failed]);
    child.removeAllListeners('exit');
  }

  /** The process stops answering but keeps its port: connections hang, nothing is refused. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  /** Kills the process outright (SIGKILL): connections reset, new ones are refused. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  stop(): Promise<void> {
    return this.kill();
  }
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function waitForPing(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
