// Task-list items (- [ ] / - [x]) in markdown: where they are, and the one-character edit that ticks one.

export interface TaskItem {
  /** 0-based line in the text. */
  line: number;
  /** Offset of the character between the brackets within the line. */
  column: number;
  checked: boolean;
  label: string;
}

const TASK = /^(\s*(?:>\s*)*(?:[-+*]|\d{1,9}[.)])\s+\[)([ xX])(\]\s)(.*)$/;

export function taskItems(text: string): TaskItem[] {
  const out: TaskItem[] = [];
  let fence: string | undefined;
  text.split(/\r\n|\r|\n/).forEach((l, line) => {
    // Lines inside fenced code are code, not tasks.
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (!fence) fence = f[1];
      else if (f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      return;
    }
    if (fence) return;
    const m = TASK.exec(l);
    if (m) out.push({ line, column: m[1].length, checked: m[2] !== ' ', label: m[4] });
  });
  return out;
}

/** The edit that sets item `line` to `checked`: one character, or nothing when it already is (or is no task). */
export function taskEdit(text: string, line: number, checked: boolean): { line: number; column: number; text: string } | undefined {
  const item = taskItems(text).find((t) => t.line === line);
  if (!item || item.checked === checked) return undefined;
  return { line, column: item.column, text: checked ? 'x' : ' ' };
}
