// Typed payloads of the runbook cell outputs, shared by the executors (extension) and the output renderer (webview).

export const RUNBOOK_MIME = {
  sql: 'application/vnd.phoenix-ops.runbook-sql+json',
  promql: 'application/vnd.phoenix-ops.runbook-promql+json',
  http: 'application/vnd.phoenix-ops.runbook-http+json',
} as const;

export const RUNBOOK_RENDERER_ID = 'phoenix-ops.runbook-output';
export const RUNBOOK_TASKS_RENDERER_ID = 'phoenix-ops.runbook-tasks';

export type CellValue = string | number | boolean | null;

export interface TableColumn {
  name: string;
  /** The database type name (int4, text, timestamptz …) or, for PromQL, "label" / "value". */
  type: string;
}

const NUMERIC_TYPES = /^(int[248]|float[48]|numeric|money|oid|value|cardinal_number)$/;

/** Numbers align right, everything else left — decided by the column's type, so a whole column aligns one way. */
export function isNumericColumn(c: TableColumn | undefined): boolean {
  return c !== undefined && NUMERIC_TYPES.test(c.type);
}

export interface SqlResultPayload {
  kind: 'sql';
  /** The statement as sent (placeholders as $1, $2 …). */
  statement: string;
  /** PostgreSQL's command tag: SELECT, UPDATE … */
  command: string;
  /** Rows returned or affected (null when the command has no count). */
  rowCount: number | null;
  columns: TableColumn[];
  /** At most the kept rows; `omittedRows` more were returned but not kept. */
  rows: CellValue[][];
  omittedRows: number;
  /** The statement had more rows than the cap: they were never fetched (rowCount is then null). */
  truncated?: boolean;
  durationMs: number;
}

export interface PromqlSeries {
  labels: Record<string, string>;
  /** [unix seconds, value] pairs; NaN/±Inf arrive as null. */
  values: Array<[number, number | null]>;
}

export interface PromqlResultPayload {
  kind: 'promql';
  expr: string;
  resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  /** Set for range queries. */
  range?: { start: number; end: number; stepSeconds: number };
  series: PromqlSeries[];
  /** Scalar and string results. */
  scalar?: string;
  durationMs: number;
}

export interface HttpResultPayload {
  kind: 'http';
  method: string;
  url: string;
  status: number;
  statusText: string;
  durationMs: number;
  headers: Array<[string, string]>;
  /** Pretty-printed when JSON. */
  body: string;
  bodyKind: 'json' | 'text' | 'empty';
  /** Bytes of body not kept. */
  omittedBytes: number;
}

export type RunbookOutputPayload = SqlResultPayload | PromqlResultPayload | HttpResultPayload;

/** Renderer → extension: a task list item ticked in a markdown cell. */
export interface ToggleTaskMessage {
  type: 'toggleTask';
  /** The markdown cell's full text, to find the cell. */
  source: string;
  /** 0-based line of the item within the cell. */
  line: number;
  checked: boolean;
}
