// The Port Forwards area: the forwards of this window, their view, and the API the tests read. Disposing it (the
// extension deactivating, the window closing) stops every forward: nothing listens on a local port after the cockpit.
import type * as vscode from 'vscode';
import { describeState, type ForwardState } from '../../domain/portforward/forwardState';
import { PortForwards } from '../../domain/portforward/portForwards';
import { ViewIds } from '../commandIds';
import type { LazyViews } from '../startup/lazyViews';
import { PortForwardsTreeProvider } from './portForwardsView';

export interface PortForwardSnapshot {
  id: string;
  context: string;
  namespace: string;
  localPort: number;
  remotePort: number;
  pod: string;
  deployment?: string;
  state: ForwardState['kind'];
  /** The row's state text. */
  status: string;
  url: string;
}

export interface PortForwardsApi {
  portForwards(): PortForwardSnapshot[];
}

export interface PortForwardsArea extends vscode.Disposable {
  forwards: PortForwards;
  api: PortForwardsApi;
}

export function registerPortForwards(views: LazyViews): PortForwardsArea {
  const forwards = new PortForwards();
  const tree = new PortForwardsTreeProvider(forwards);
  const view = views.bind(ViewIds.portForwards, tree);
  const describe = () => {
    const n = forwards.list().length;
    view.description = n ? `${n} forward${n === 1 ? '' : 's'}` : undefined;
  };
  const sub = forwards.onDidChange(describe);
  return {
    forwards,
    api: {
      portForwards: () =>
        forwards.list().map((f) => ({
          id: f.id,
          context: f.spec.context,
          namespace: f.spec.namespace,
          localPort: f.spec.localPort,
          remotePort: f.spec.remotePort,
          pod: f.pod,
          ...(f.spec.deployment ? { deployment: f.spec.deployment } : {}),
          state: f.state.kind,
          status: describeState(f.state),
          url: f.url,
        })),
    },
    dispose: () => {
      forwards.stopAll();
      sub.dispose();
      tree.dispose();
    },
  };
}
