// A row's menu command that arrived without its row. VS Code's extension host forgets the handles of a tree's
// rows from the moment the view refreshes their parent until the workbench asks for them again; a menu click in
// that moment reaches the command with `undefined`, and the cockpit then asks which one, as from the palette
// (it never guesses a target). Live views refresh often, so a test answers that question as a person would.
import type { QuickPick } from './quickPick';
import type { Workbench } from './workbench';

/**
 * Waits for the first question after a row's menu entry; if it is the "which one" question (`question`
 * matches its title or its placeholder), picks `row` and returns the next question. Returns the question to go on with.
 */
export async function afterRowCommand(wb: Workbench, question: RegExp, row: string): Promise<QuickPick> {
  const first = await wb.quickPick();
  const asked = [await first.prompt(), (await first.input.getAttribute('placeholder')) ?? ''];
  if (!asked.some((t) => question.test(t))) return first;
  await first.pick(row);
  return wb.quickPick();
}
