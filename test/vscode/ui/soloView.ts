// One view of the Phoenix Ops container with room to read it: the others folded, the side bar widened.
import type { ViewSection } from './viewSection';
import type { Workbench } from './workbench';

export async function soloView(wb: Workbench, name: string, sideBarWidth: number): Promise<ViewSection> {
  await wb.openViewContainer('Phoenix Ops');
  await wb.setSideBarWidth(sideBarWidth);
  for (const other of await wb.viewNames()) if (other !== name) await wb.view(other).collapse();
  const view = wb.view(name);
  await view.expand();
  return view;
}
