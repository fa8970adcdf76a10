// Tree refreshes spaced past the extension host's debounce. VS Code runs onDidChangeTreeData events that come less
// than 200 ms apart as one, 200 ms after the last (extHostTreeViews: a debounce with a leading edge), so a list whose
// pages arrived every 100 ms showed nothing until it ended. Spaced wider, each refresh shows at once.
import { mergeTreeChanges, Pacer } from '../../core/pacer';

const TREE_REFRESH_GAP_MS = 230;

/** A pacer in front of a tree's change event: push what changed (undefined: the whole tree). */
export function pacedRefreshes<N>(fire: (changed: N | N[] | undefined) => void): Pacer<N | N[] | undefined> {
  return new Pacer<N | N[] | undefined>(TREE_REFRESH_GAP_MS, mergeTreeChanges, fire);
}
