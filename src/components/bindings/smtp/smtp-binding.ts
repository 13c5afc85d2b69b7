import type {
  ComponentContext,
  InvokeRequest,
  InvokeResponse,
  OutputBinding,
} from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import { loadDriver } from '../../driver-loader.js';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';
import { goUnquote } from '../localstorage/go-unquote.js';

export const smtpOperations = ['create'] as const;
export type SmtpOperation = (typeof smtpOperations)[number];

const fields = defineMetadata({
  host: { type: 'string', required: true, description: 'The SMTP server host.' },
  port: {
    type: 'integer',
    default: 587,
    description:
      'The SMTP server port; 465 connects with TLS at once, others upgrade with STARTTLS when offered.',
  },
  user: {
    type: 'string',
    description: 'User name to log in with (give both user and password, or neither).',
  },
  password: { type: 'string', sensitive: true, description: 'Password to log in with.' },
  skipTLSVerify: {
    type: 'boolean',
    default: false,
    description: 'Accept a server certificate that does not verify (insecure).',
  },
  emailFrom: { type: 'string', description: 'Sender address, unless the request gives one.' },
  emailTo: {
    type: 'string',
    description: 'Recipients (`;` between addresses), unless the request gives them.',
  },
  emailCC: { type: 'string', description: 'Copy recipients (`;` between addresses).' },
  emailBCC: { type: 'string', description: 'Blind copy recipients (`;` between addresses).' },
  subject: { type: 'string', description: 'Subject, unless the request gives one.' },
  priority: { type: 'integer', default: 3, description: 'X-Priority from 1 (highest) to 5 (lowest).' },
});

type Metadata = MetadataValues<typeof fields>;

interface Email {
  from: string;
  to: string;
  cc: string | undefined;
  bcc: string | undefined;
  subject: string;
  priority: number;
}

/**
 * Sends the request data as an HTML email. Request metadata `emailFrom`, `emailTo`, `emailCC`,
 * `emailBCC`, `subject` and `priority` override the component's values for that one email
 * (Dapr's component lets an override leak into later emails; Bindery does not).
 */
class SmtpBinding implements OutputBinding<SmtpOperation, Metadata> {
  private metadata: Metadata | undefined;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    if ((metadata.user === undefined) !== (metadata.password === undefined))
      throw new Error('smtp binding error: both user and password fields are required in metadata');
    checkPriority(metadata.priority);
    if (metadata.user === undefined)
      this.context.logger.warn('smtp binding warn: User and password are empty');
    if (metadata.skipTLSVerify)
      this.context.logger.warn('smtp binding warning: Skip TLS Verification is enabled. This is insecure.');
    this.metadata = metadata;
  }

  operations(): readonly SmtpOperation[] {
    return smtpOperations;
  }

  async invoke(request: InvokeRequest<SmtpOperation>): Promise<InvokeResponse | null> {
    const metadata = this.metadata;
    if (metadata === undefined) throw new Error('smtp binding error: not initialized');
    const email = merge(metadata, request.metadata);
    const raw = Buffer.from(request.data).toString();
    // Over Dapr's HTTP API a string arrives JSON-quoted; over gRPC it does not. Dapr unquotes
    // when it can.
    const unquoted = goUnquote(raw);
    const html = unquoted === undefined ? raw : Buffer.from(unquoted).toString();
    const nodemailer = await loadDriver('bindings.smtp', 'nodemailer', () => import('nodemailer'));
    const transport = nodemailer.createTransport({
      host: metadata.host,
      port: metadata.port,
      secure: metadata.port === 465,
      ...(metadata.user === undefined
        ? {}
        : { auth: { user: metadata.user, pass: metadata.password ?? '' } }),
      tls: { rejectUnauthorized: !metadata.skipTLSVerify },
    });
    try {
      await transport.sendMail({
        from: email.from,
        to: addresses(email.to),
        ...(email.cc === undefined ? {} : { cc: addresses(email.cc) }),
        ...(email.bcc === undefined ? {} : { bcc: addresses(email.bcc) }),
        subject: email.subject,
        headers: { 'X-Priority': String(email.priority) },
        html,
      });
    } catch (error) {
      throw new Error(`error from smtp binding, sending email failed: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      transport.close();
    }
    return null;
  }

  async close(): Promise<void> {}
}

function merge(metadata: Metadata, request: Readonly<Record<string, string>>): Email {
  const pick = (key: string, fallback: string | undefined) => (request[key] ? request[key] : fallback);
  const from = pick('emailFrom', metadata.emailFrom);
  const to = pick('emailTo', metadata.emailTo);
  const subject = pick('subject', metadata.subject);
  const priorityText = request.priority;
  let priority = metadata.priority;
  if (priorityText !== undefined && priorityText !== '') {
    if (!/^[+-]?\d+$/.test(priorityText.trim()))
      throw new Error(`strconv.Atoi: parsing "${priorityText}": invalid syntax`);
    priority = checkPriority(Number(priorityText));
  }
  if (!from)
    throw new Error(
      'smtp binding error: emailFrom property not supplied in configuration- or request-metadata',
    );
  if (!to)
    throw new Error(
      'smtp binding error: emailTo property not supplied in configuration- or request-metadata',
    );
  if (!subject)
    throw new Error(
      'smtp binding error: subject property not supplied in configuration- or request-metadata',
    );
  return {
    from,
    to,
    cc: pick('emailCC', metadata.emailCC),
    bcc: pick('emailBCC', metadata.emailBCC),
    subject,
    priority,
  };
}

function checkPriority(priority: number): number {
  if (priority < 1 || priority > 5)
    throw new Error('smtp binding error:  priority value must be between 1 (highest) and 5 (lowest)');
  return priority;
}

/** Dapr splits on `;` only. */
function addresses(list: string): string[] {
  return list.split(';');
}

/** `bindings.smtp`: sends email through an SMTP server (driver: nodemailer). */
export const smtpBinding = defineBindingType({
  type: 'bindings.smtp',
  description: 'Sends the data as an HTML email through an SMTP server.',
  operations: smtpOperations,
  metadata: fields,
  create: (context) => new SmtpBinding(context),
});
