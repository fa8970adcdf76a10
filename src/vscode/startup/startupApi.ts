// What activate() returns before the cockpit has loaded: `ready()`, and every other member forwarded to the loaded
// cockpit's API (so an area adds to its own api object and nothing here changes).
import type { Lazy } from '../../core/lazy';
import type { Cockpit } from '../cockpit';
import type { StartupApi } from '../cockpitApi';

export function startupApi(cockpit: Lazy<Cockpit>, load: () => Promise<Cockpit>): StartupApi {
  const base = { ready: () => load().then(() => undefined) };
  return new Proxy(base, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      // Promise resolution and inspection probe these; they must not throw.
      if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return undefined;
      const api = cockpit.value?.api;
      if (!api) throw new Error(`the cockpit has not loaded yet: await ready() before reading ${key}`);
      return api[key as keyof typeof api];
    },
  }) as StartupApi;
}
