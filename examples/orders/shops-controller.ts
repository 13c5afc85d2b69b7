import { type ControllerExpose, HttpError } from '../../src/index.js';
import { type Clock, ClockToken } from './clock.js';

const shops = [
  { id: 1, name: 'Corner Tea House' },
  { id: 2, name: 'Harbour Books' },
];

/**
 * The shop directory as a controller: the exposed methods' names become routes (`get` →
 * `GET /shops`, `getBy` → `GET /shops/{id:int}`, `getOpenNow` → `GET /shops/open/now`).
 */
export class ShopsController {
  static expose = ['get', 'getBy', 'getOpenNow'] as const satisfies ControllerExpose<ShopsController>;
  static inject = [ClockToken] as const;
  static params = { getBy: '{id:int min(1)}' } as const;

  constructor(private readonly clock: Clock) {}

  get() {
    return shops;
  }

  getBy(input: { path: { id: number } }) {
    const shop = shops.find((s) => s.id === input.path.id);
    if (shop === undefined) throw new HttpError(404, `no shop ${input.path.id}`);
    return shop;
  }

  getOpenNow() {
    const hour = this.clock.now().getUTCHours();
    return { open: hour >= 8 && hour < 20, checkedAt: this.clock.now().toISOString() };
  }
}
