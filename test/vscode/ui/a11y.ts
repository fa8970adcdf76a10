// Accessibility checks the UI suites share: axe-core on a webview's page, the colour theme switched as a person
// does, and contrast computed from computed styles where axe cannot (text over layered translucent backgrounds).
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { repoPath } from '../../../scripts/repoRoot';
import { waitFor } from '../../shared/waitFor';
import type { Workbench } from './workbench';

const AXE = readFileSync(repoPath('node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** A real switch from whatever theme the workbench is in: high contrast first, ending in a dark theme. */
export const THEME_STEPS = [
  ['Dark High Contrast', /\bhc-black\b/, 'high-contrast'],
  ['Light Modern', /\bvs\b(?!-)/, 'light'],
  ['Dark Modern', /\bvs-dark\b/, 'dark'],
] as const;

/** axe-core on a page (WCAG 2.2 A/AA rules, contrast included), within `include` if given: the violations, as readable lines. */
export async function axeViolations(frame: Frame, include?: string): Promise<string[]> {
  await frame.evaluate(`${AXE};0`);
  // Evaluated in the page (a string: this file is type-checked without the DOM's globals).
  return frame.evaluate<string[]>(`(async () => {
    const r = await axe.run(${include ? `{ include: [${JSON.stringify(include)}] }` : 'document'}, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ') + (n.any[0] ? ' (' + n.any[0].message + ')' : '')).join(', '));
  })()`);
}

/**
 * axe-core on each shadow root holding `selector` (notebook markdown cells render in shadow roots, which a plain
 * `include` selector does not reach): how many were checked, and the violations as readable lines.
 */
export async function axeViolationsInShadowHosts(frame: Frame, selector: string): Promise<{ checked: number; violations: string[] }> {
  await frame.evaluate(`${AXE};0`);
  return frame.evaluate<{ checked: number; violations: string[] }>(`(async () => {
    const hosts = [...document.querySelectorAll('*')].filter((e) => e.shadowRoot && e.shadowRoot.querySelector(${JSON.stringify(selector)}));
    const violations = [];
    for (const host of hosts) {
      const r = await axe.run(host, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      violations.push(...r.violations.map((v) => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target) + (n.any[0] ? ' (' + n.any[0].message + ')' : '')).join(', ')));
    }
    return { checked: hosts.length, violations };
  })()`);
}

/** Picks a colour theme from the palette, as a person does, and waits until the workbench wears it. */
export async function colorTheme(wb: Workbench, name: string, bodyClass: RegExp): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  await (await wb.quickPick()).pick(name, name);
  await waitFor(`the workbench in ${name}`, async () => (bodyClass.test((await wb.page.locator('.monaco-workbench').getAttribute('class')) ?? '') ? true : undefined), 15_000);
}

/** The frame (a webview's page, a notebook's outputs) holding a visible `selector`. */
export async function frameWith(wb: Workbench, selector: string, timeoutMs = 30_000): Promise<Frame> {
  return waitFor(`a page with ${selector}`, async () => {
    for (const f of wb.page.frames()) {
      const found = f.locator(selector).first();
      if ((await found.count().catch(() => 0)) && (await found.isVisible().catch(() => false))) return f;
    }
    return undefined;
  }, timeoutMs);
}

export interface Contrast {
  selector: string;
  text: string;
  ratio: number;
  fontPx: number;
  bold: boolean;
}

/**
 * The WCAG contrast of each element matching `selector`: its computed text colour against the colour behind it
 * (its own and its ancestors' backgrounds, translucent ones blended over what is below, down to the page's).
 */
export async function contrasts(frame: Frame, selector: string): Promise<Contrast[]> {
  return frame.evaluate<Contrast[]>(`(() => {
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    // Any CSS colour (rgb, color(srgb …), color-mix results) to [r, g, b, a] through a canvas pixel.
    const rgba = (c) => { probe.clearRect(0, 0, 1, 1); probe.fillStyle = '#000'; probe.fillStyle = c; probe.fillRect(0, 0, 1, 1); const d = probe.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255]; };
    const over = (top, below) => { const a = top[3]; return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1); };
    const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const behind = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
      let c = rgba(getComputedStyle(document.documentElement).backgroundColor);
      if (c[3] === 0) c = rgba(getComputedStyle(document.body).getPropertyValue('--vscode-editor-background') || '#fff');
      c = [c[0], c[1], c[2], 1];
      for (const l of layers.reverse()) c = over(l, c);
      return c;
    };
    return [...document.querySelectorAll(${JSON.stringify(selector)})].filter((e) => e.getClientRects().length && (e.textContent || '').trim()).map((e) => {
      const s = getComputedStyle(e);
      const bg = behind(e);
      const fg = over(rgba(s.color), bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      return { selector: ${JSON.stringify(selector)}, text: (e.textContent || '').trim().slice(0, 40), ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100, fontPx: parseFloat(s.fontSize), bold: Number(s.fontWeight) >= 700 };
    });
  })()`);
}

/** WCAG AA: 4.5:1 for text, 3:1 for large text (24 px, or 18.66 px bold). */
export function belowAA(list: readonly Contrast[]): Contrast[] {
  return list.filter((c) => c.ratio < (c.fontPx >= 24 || (c.bold && c.fontPx >= 18.66) ? 3 : 4.5));
}
