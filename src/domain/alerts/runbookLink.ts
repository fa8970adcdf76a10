// Finds an alert's runbook: the `runbook`/`runbook_url` annotation, matched by its last path segment to a
// runbook file of the workspace ("…/runbooks/high-error-rate" → runbooks/high-error-rate.runbook.md).

export interface RunbookRef {
  /** The annotation as written (a URL or a path). */
  link: string;
  /** Lower-case name without extensions, e.g. "high-error-rate". */
  slug: string;
}

const ANNOTATIONS = ['runbook', 'runbook_url', 'runbookURL', 'runbook_link'];

export function runbookRef(annotations: Record<string, string>): RunbookRef | undefined {
  for (const name of ANNOTATIONS) {
    const link = annotations[name]?.trim();
    if (link) return { link, slug: slugOf(link) };
  }
  return undefined;
}

/** "https://docs.phoenix.io/runbooks/high-error-rate.html#steps" → "high-error-rate". */
export function slugOf(pathOrUrl: string): string {
  const noQuery = pathOrUrl.split(/[?#]/)[0] ?? pathOrUrl;
  const segment = noQuery.replace(/\/+$/, '').split(/[\\/]/).pop() ?? '';
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // keep it as written
  }
  return name
    .toLowerCase()
    .replace(/(\.runbook)?\.(md|markdown|html?|ipynb)$/, '')
    .replace(/\.runbook$/, '')
    .replace(/[\s_]+/g, '-');
}

/** The workspace file (path) whose name has the same slug; `*.runbook.md` wins over a plain `*.md`. */
export function matchRunbookFile(slug: string, files: readonly string[]): string | undefined {
  if (!slug) return undefined;
  const matches = files.filter((f) => slugOf(f) === slug);
  return matches.find((f) => /\.runbook\.md$/i.test(f)) ?? matches[0];
}

/** Whether the annotation can be opened in a browser. */
export function isWebLink(link: string): boolean {
  return /^https?:\/\//i.test(link);
}
