// axios (with its form-data, proxy and mime-type dependencies) is imported on the first HTTP request, never at start-up.
import type { AxiosError, AxiosStatic } from 'axios';

let loading: Promise<AxiosStatic> | undefined;

export function axiosLib(): Promise<AxiosStatic> {
  return (loading ??= import('axios').then((m) => m.default));
}

/** axios' own isAxiosError, without importing axios (a failure can only be an axios error once axios has loaded). */
export function isAxiosError(e: unknown): e is AxiosError {
  return typeof e === 'object' && e !== null && (e as { isAxiosError?: unknown }).isAxiosError === true;
}
