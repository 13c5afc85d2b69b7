import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { smtpBinding } from '../../src/components/bindings/smtp/index.js';
import { BindingsRuntime, ComponentLoadError } from '../../src/components/bindings-runtime.js';
import { smtpServerSkip, startSmtpServer } from '../support/smtp-server.js';
import { conformance } from './conformance.js';
import { silentLogger } from './support.js';

describe('bindings.smtp', { skip: smtpServerSkip() }, () => {
  let server: Awaited<ReturnType<typeof startSmtpServer>>;
  before(async () => {
    server = await startSmtpServer();
  });
  after(() => server.stop());

  /** A header's value in a raw message (unfolded). */
  function header(data: string, name: string): string | undefined {
    const head = data.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line?.slice(name.length + 1).trim();
  }

  conformance({
    type: smtpBinding,
    metadata: () => ({
      host: '127.0.0.1',
      port: String(server.port),
      emailFrom: 'shop@example.com',
      emailTo: 'ops@example.com',
      subject: 'Order',
    }),
    scenarios: () => [
      {
        name: "create sends; missing addresses and bad priorities are refused with Dapr's texts",
        steps: [
          { operation: 'create', data: { a: 1 }, expect: { nothing: true } },
          {
            operation: 'create',
            metadata: { priority: '9' },
            expect: {
              error: 'smtp binding error:  priority value must be between 1 (highest) and 5 (lowest)',
            },
          },
        ],
      },
    ],
  });

  describe('bindings.smtp against a real SMTP server', () => {
    async function runtimeWith(metadata: Record<string, string>) {
      const runtime = new BindingsRuntime({ logger: silentLogger() });
      runtime.add({
        name: 'mail',
        type: 'bindings.smtp',
        metadata: { host: '127.0.0.1', port: String(server.port), ...metadata },
      });
      await runtime.start();
      return runtime;
    }

    test('the component values make the email: from, to, cc, bcc, subject, priority, an HTML body', async () => {
      const runtime = await runtimeWith({
        emailFrom: 'shop@example.com',
        emailTo: 'a@example.com;b@example.com',
        emailCC: 'c@example.com',
        emailBCC: 'hidden@example.com',
        subject: 'Your order',
        priority: '1',
      });
      await runtime.invoke('mail', 'create', '<h1>Thanks</h1><p>Order 7</p>');
      const mail = await server.mailWith('Order 7');
      assert.equal(mail.from, 'shop@example.com');
      assert.deepEqual([...mail.to].sort(), [
        'a@example.com',
        'b@example.com',
        'c@example.com',
        'hidden@example.com',
      ]);
      assert.equal(header(mail.data, 'From'), 'shop@example.com');
      assert.equal(header(mail.data, 'To'), 'a@example.com, b@example.com');
      assert.equal(header(mail.data, 'Cc'), 'c@example.com');
      assert.equal(header(mail.data, 'Bcc'), undefined, 'Bcc never shows in the message');
      assert.equal(header(mail.data, 'Subject'), 'Your order');
      assert.equal(header(mail.data, 'X-Priority'), '1');
      assert.match(header(mail.data, 'Content-Type') ?? '', /^text\/html/);
      assert.match(mail.data, /<h1>Thanks<\/h1><p>Order 7<\/p>/);
      await runtime.close();
    });

    test('request metadata overrides each field for that email only; a JSON-quoted body is unquoted', async () => {
      const runtime = await runtimeWith({
        emailFrom: 'shop@example.com',
        emailTo: 'ops@example.com',
        subject: 'Default',
      });
      await runtime.invoke('mail', 'create', JSON.stringify('<b>quoted</b>'), {
        emailFrom: 'billing@example.com',
        emailTo: 'x@example.com',
        emailCC: 'y@example.com',
        emailBCC: 'z@example.com',
        subject: 'Invoice',
        priority: '5',
      });
      const mail = await server.mailWith('<b>quoted</b>');
      assert.equal(header(mail.data, 'From'), 'billing@example.com');
      assert.equal(header(mail.data, 'To'), 'x@example.com');
      assert.equal(header(mail.data, 'Cc'), 'y@example.com');
      assert.deepEqual([...mail.to].sort(), ['x@example.com', 'y@example.com', 'z@example.com']);
      assert.equal(header(mail.data, 'Subject'), 'Invoice');
      assert.equal(header(mail.data, 'X-Priority'), '5');
      assert.match(mail.data, /<b>quoted<\/b>/);
      assert.doesNotMatch(mail.data, /"<b>/);
      await runtime.invoke('mail', 'create', 'plain and simple');
      const again = await server.mailWith('plain and simple');
      assert.equal(header(again.data, 'From'), 'shop@example.com', 'an override does not leak');
      assert.equal(header(again.data, 'Subject'), 'Default');
      assert.equal(header(again.data, 'X-Priority'), '3');
      await runtime.close();
    });

    test('logs in with user and password', async () => {
      const runtime = await runtimeWith({
        user: 'mailer',
        password: 'secret',
        emailFrom: 'a@example.com',
        emailTo: 'b@example.com',
        subject: 's',
      });
      await runtime.invoke('mail', 'create', 'logged in hello');
      assert.equal((await server.mailWith('logged in hello')).login, 'mailer');
      await runtime.close();
    });

    test("missing addresses and subject fail with Dapr's texts", async () => {
      const runtime = await runtimeWith({});
      await assert.rejects(runtime.invoke('mail', 'create', 'x'), {
        message: 'smtp binding error: emailFrom property not supplied in configuration- or request-metadata',
      });
      await assert.rejects(runtime.invoke('mail', 'create', 'x', { emailFrom: 'a@example.com' }), {
        message: 'smtp binding error: emailTo property not supplied in configuration- or request-metadata',
      });
      await assert.rejects(
        runtime.invoke('mail', 'create', 'x', { emailFrom: 'a@example.com', emailTo: 'b@example.com' }),
        {
          message: 'smtp binding error: subject property not supplied in configuration- or request-metadata',
        },
      );
      await runtime.close();
    });

    test('user without password (or the reverse) stops start-up', async () => {
      const runtime = new BindingsRuntime({ logger: silentLogger() });
      runtime.add({ name: 'mail', type: 'bindings.smtp', metadata: { host: '127.0.0.1', user: 'mailer' } });
      const error = await runtime.start().catch((e: unknown) => e);
      assert.ok(error instanceof ComponentLoadError);
      assert.match(
        error.message,
        /smtp binding error: both user and password fields are required in metadata/,
      );
    });

    test('fault: a server that is not there fails each call with a clear error, not start-up (as in Dapr)', async () => {
      const other = await startSmtpServer();
      const port = other.port;
      await other.stop();
      const runtime = new BindingsRuntime({ logger: silentLogger() });
      runtime.add({
        name: 'mail',
        type: 'bindings.smtp',
        metadata: {
          host: '127.0.0.1',
          port: String(port),
          emailFrom: 'a@example.com',
          emailTo: 'b@example.com',
          subject: 's',
        },
      });
      await runtime.start();
      await assert.rejects(
        runtime.invoke('mail', 'create', 'x'),
        /error from smtp binding, sending email failed: .*ECONNREFUSED/,
      );
      await runtime.close();
    });
  });
});
