// Times of day as rows show them: "10:42" (the locale's hours and minutes); a row that needs seconds says so itself.

export function clockTime(d: Date): string {
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
