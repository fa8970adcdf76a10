// pg and pg-cursor as one lazily loaded bundle (dist/lib/pg.js, esbuild.config.mjs): pg-cursor requires pg's own
// modules (its result and value preparation), which must load once, from the same copy of pg the clients use.
export * from 'pg';
export { default as Cursor } from 'pg-cursor';
