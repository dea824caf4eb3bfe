import type { SandboxEngine, SbRequest } from '../../../sandbox/engine.js';
import type { Accepts } from '../../../sandbox/fields.js';
import { registerAccount } from './account.js';
import { registerActivity } from './activity.js';
import { registerBranding } from './branding.js';
import { registerMembers } from './members.js';
import { OPTS, requireActive } from './state.js';

/** How the areas declare a route: every one refuses while the add-on is off, and writes need no mail plan. */
export type Route = (method: string, pattern: string, scope: string, handler: (req: SbRequest) => unknown, accepts: Accepts) => void;

/** White Label routes of the API emulator: the team, its history, and per-domain branding. */
export default function register(engine: SandboxEngine): void {
  const route: Route = (method, pattern, scope, handler, accepts) =>
    engine.route(method, pattern, scope, (req) => {
      requireActive(engine);
      return handler(req);
    }, { ...OPTS, accepts });
  registerAccount(engine, route);
  registerMembers(engine, route);
  registerActivity(engine, route);
  registerBranding(engine, route);
}
