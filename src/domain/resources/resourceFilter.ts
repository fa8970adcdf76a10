// The Resources view's name filter: a case-insensitive substring of the object's name, trimmed; empty = no filter. Pure.

export function normalizeFilter(text: string | undefined): string {
  return (text ?? '').trim().toLowerCase();
}

export function matchesFilter(name: string, filter: string): boolean {
  return filter === '' || name.toLowerCase().includes(filter);
}

/** The group row's count: "14", or "2 of 14" while a filter hides some. */
export function countText(shown: number, total: number, filter: string): string {
  return filter && shown !== total ? `${shown} of ${total}` : String(total);
}
