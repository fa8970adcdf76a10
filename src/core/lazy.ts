// A value built on first demand by an async loader (a dynamic import, usually), once: concurrent callers share the load,
// a failed load is retried by the next caller instead of failing forever.

export class Lazy<T> {
  private loading: Promise<T> | undefined;
  private loaded: T | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  /** The value, loading it if nobody has yet. */
  get(): Promise<T> {
    if (!this.loading) {
      const p = this.load().then((v) => (this.loaded = v));
      p.catch(() => {
        if (this.loading === p) this.loading = undefined;
      });
      this.loading = p;
    }
    return this.loading;
  }

  /** The value if it has loaded, else undefined (never starts a load). */
  get value(): T | undefined {
    return this.loaded;
  }
}
