// The chart's stylesheet (uPlot's own plus ours), added once to a document: constructed stylesheets in panels
// (allowed by the strict CSP), a <style> element in notebook outputs (whose page VS Code owns).
import uplotCss from 'uplot/dist/uPlot.min.css';
import chartCss from './chart.css';

export const CHART_CSS = `${uplotCss}\n${chartCss}`;

let adopted = false;

export function adoptChartStyles(extraCss = ''): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${CHART_CSS}\n${extraCss}`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
