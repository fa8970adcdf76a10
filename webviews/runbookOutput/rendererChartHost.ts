// The chart host inside notebook outputs: clipboard and exports go to the extension through renderer messaging
// (the same message shapes the panels send); there is no page state to keep and no query to open (it is one).
import type { FromChartView } from '../../src/shared/chartPanelProtocol';
import { message } from '../../src/shared/webviewProtocol';
import type { RendererContext } from '../rendererApi';
import type { ChartHost } from '../shared/chart/chartHost';

export function rendererChartHost(ctx: RendererContext<unknown>): ChartHost {
  const post = <K extends keyof FromChartView>(type: K, payload: FromChartView[K]) => {
    if (ctx.postMessage) ctx.postMessage(message<FromChartView, K>(type, payload));
    else if (type === 'copy') void navigator.clipboard?.writeText((payload as FromChartView['copy']).text);
  };
  return {
    copyText: (text, description) => post('copy', { text, description }),
    exportFile: (f) => post('export', { fileName: f.fileName, kind: f.kind, data: f.data }),
  };
}
