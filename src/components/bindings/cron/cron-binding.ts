import type { ComponentContext, InputBinding, InputHandler } from '../../binding-component.js';
import { defineBindingType } from '../../binding-component.js';
import type { ClockTimer } from '../../clock.js';
import { defineMetadata, type MetadataValues } from '../../metadata-fields.js';
import { type CronSchedule, parseSchedule } from './cron-schedule.js';
import { goTimeString } from './go-time-string.js';

const fields = defineMetadata({
  schedule: {
    type: 'string',
    required: true,
    description:
      'When to fire: six fields with seconds (`*/15 * * * * *`), five without, or a descriptor (`@every 15m`, `@daily`, `@hourly`); `TZ=Europe/Paris ` may lead.',
  },
});

type Metadata = MetadataValues<typeof fields>;

const EMPTY = new Uint8Array(0);

/**
 * Fires on its schedule: each tick is one event with no data and Dapr's metadata `timeZone` and
 * `readTimeUTC`. A refused tick is not delivered again (the next tick comes on schedule), and a
 * tick missed while the process was busy is not caught up, as in Dapr.
 */
class CronBinding implements InputBinding<Metadata> {
  private schedule: CronSchedule | undefined;
  private timer: ClockTimer | undefined;
  private stopped = false;

  constructor(private readonly context: ComponentContext) {}

  async init(metadata: Metadata): Promise<void> {
    try {
      this.schedule = parseSchedule(metadata.schedule);
    } catch (error) {
      throw new Error(`invalid schedule format '${metadata.schedule}': ${(error as Error).message}`);
    }
  }

  async read(handler: InputHandler): Promise<void> {
    const schedule = this.schedule;
    if (schedule === undefined || this.stopped) throw new Error('binding is closed');
    const { clock, logger, name } = this.context;
    const arm = (from: number) => {
      const next = schedule.next(from);
      if (next === undefined || this.stopped) return;
      this.timer = clock.setTimer(() => {
        const now = clock.now();
        logger.debug(`name: ${name}, schedule fired: ${new Date(now).toISOString()}`);
        // The next tick is scheduled from the time this one fired, not when its delivery ends.
        arm(Math.max(now, next));
        handler({ data: EMPTY, metadata: { timeZone: 'Local', readTimeUTC: goTimeString(now) } }).catch(
          (error: unknown) => logger.debug({ err: error }, `name: ${name}, tick refused`),
        );
      }, next - clock.now());
    };
    arm(clock.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  close(): Promise<void> {
    return this.stop();
  }
}

/** `bindings.cron`: an input binding that triggers the app on a schedule. */
export const cronBinding = defineBindingType({
  type: 'bindings.cron',
  description: 'Triggers the app on a schedule (input only).',
  operations: [],
  metadata: fields,
  createInput: (context) => new CronBinding(context),
});
