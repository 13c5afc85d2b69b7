import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** One message the server accepted: the envelope and the raw text. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly login: string | null;
  readonly data: string;
}

// aiosmtpd (Debian's python3-aiosmtpd): a real SMTP server on a free port that prints each
// message as a JSON line. AUTH is offered without TLS, accepting mailer/secret only.
const SERVER = `
import asyncio, json
from aiosmtpd.smtp import SMTP, AuthResult
class Handler:
    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data.decode() if isinstance(session.auth_data, bytes) else None
        print(json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos, "login": login,
                          "data": envelope.content.decode("utf8", "replace")}), flush=True)
        return "250 OK"
def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"mailer" and auth_data.password == b"secret"
    return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Handler(), authenticator=authenticate, auth_require_tls=False), "127.0.0.1", 0)
    print(json.dumps({"port": server.sockets[0].getsockname()[1]}), flush=True)
    await server.serve_forever()
asyncio.run(main())
`;

/**
 * The interpreter that has Debian's python3-aiosmtpd: the system one, not a python3 that a
 * version manager put first on the PATH. BINDERY_PYTHON overrides it.
 */
function python(): string {
  if (process.env.BINDERY_PYTHON !== undefined) return process.env.BINDERY_PYTHON;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

/**
 * SMTP tests call this first: a skip message when the interpreter lacks aiosmtpd, unless
 * BINDERY_REQUIRE_SERVICES=1 (CI installs python3-aiosmtpd), where its absence fails the test.
 */
export function smtpServerSkip(): string | false {
  const probe = spawnSync(python(), ['-c', 'import aiosmtpd'], { stdio: 'ignore' });
  if (probe.status === 0) return false;
  const message = `${python()} cannot import aiosmtpd (Debian's python3-aiosmtpd)`;
  if (process.env.BINDERY_REQUIRE_SERVICES === '1')
    throw new Error(
      `${message} and BINDERY_REQUIRE_SERVICES=1 requires it (apt-get install python3-aiosmtpd)`,
    );
  return `${message}; skipped (set BINDERY_REQUIRE_SERVICES=1 to make this a failure)`;
}

/** Starts a private SMTP server process; `mails` fills as messages arrive. */
export async function startSmtpServer(): Promise<{
  port: number;
  mails: ReceivedMail[];
  /** The message whose text contains `token`, received already or still to come. */
  mailWith: (token: string) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
}> {
  const child: ChildProcess = spawn(python(), ['-c', SERVER], { stdio: ['ignore', 'pipe', 'pipe'] });
  const mails: ReceivedMail[] = [];
  const waiters: { token: string; resolve: (mail: ReceivedMail) => void }[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as { port?: number } & ReceivedMail;
      if (parsed.port !== undefined) return resolve(parsed.port);
      mails.push(parsed);
      for (const waiter of waiters.filter((w) => parsed.data.includes(w.token))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(parsed);
      }
    });
    child.once('exit', (code) => reject(new Error(`the SMTP server exited (${code}): ${stderr}`)));
  });
  return {
    port,
    mails,
    mailWith: (token) =>
      new Promise((resolve) => {
        const mail = mails.find((m) => m.data.includes(token));
        if (mail !== undefined) resolve(mail);
        else waiters.push({ token, resolve });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
