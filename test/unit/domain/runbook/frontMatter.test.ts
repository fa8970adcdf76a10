// Front matter as Runme detects and reads it: YAML (---), TOML (+++) and JSON at the top; what the cockpit uses of it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontMatterLines, isBash, notebookCwd, readFrontMatter } from '../../../../src/domain/runbook/frontMatter';
import { parseRunbook, serializeRunbook } from '../../../../src/domain/runbook/runbookDocument';

const lines = (s: string) => s.split('\n');

describe('front matter detection (Runme parser_frontmatter.go)', () => {
  // Runme's ParseSections vectors: YAML, TOML, JSON; malformed, includes and templates are content.
  const found: Array<[string, string, number]> = [
    ['yaml', '---\nprop1: val1\nprop2: val2\n---\n\n# Example', 4],
    ['toml', '+++\nprop1 = "val1"\nprop2 = "val2"\n+++\n\n# Example', 4],
    ['json', '{\n    "prop1": "val1",\n    "prop2": "val2"\n}\n\n# Example', 4],
    ['yaml', '---\na: b\n...\n# x', 3],
    ['json', '{"a": "}"}\n# x', 1],
  ];
  for (const [format, text, end] of found) it(`finds ${format} front matter in ${JSON.stringify(text.slice(0, 20))}`, () => assert.deepEqual(frontMatterLines(lines(text)), { end, format }));
  const none = [
    '--\na: b\n---\n\n# Heading',
    '{% include "gradual-rollout-intro.md" %}\n\n## Procedure',
    '{{- $repourl := $.Info.RepositoryURL -}}\n# CHANGELOG',
    '--8<-- "snippets/x.md"\n\n## Import',
    '# Example\n\nA paragraph',
    '---\nnever closed',
    '+++\nnever closed',
    '{ "a": 1 } and text',
    '{ "a": 1',
    '--- title\n---',
    '- a list item',
    '',
  ];
  for (const text of none) it(`finds none in ${JSON.stringify(text.slice(0, 24))}`, () => assert.equal(frontMatterLines(lines(text)).end, 0));

  it('keeps every format byte for byte, and not as a cell', () => {
    for (const text of ['+++\nshell = "zsh"\n+++\n\n# T\n\n```sh\necho\n```\n', '{\r\n  "shell": "bash"\r\n}\r\n\r\n# T\r\n', '---\ncwd: x\n---\n# T\n']) {
      const doc = parseRunbook(text);
      assert.ok(doc.frontMatter.length > 0);
      assert.ok(doc.cells.every((c) => !c.value.includes('shell =') && !c.value.includes('"shell"') && !c.value.includes('cwd:')));
      assert.equal(serializeRunbook({ ...doc, cells: doc.cells.map((c) => ({ ...c, origin: c.origin })) }), text);
    }
  });
});

describe('front matter values', () => {
  it('reads shell, cwd, skipPrompts and runme id/version from each format', () => {
    const want = { shell: 'zsh', cwd: 'ops', skipPrompts: true, runmeId: '01HF7BT3HD84GWTQB8ZY0GBA06', runmeVersion: 'v3' };
    assert.deepEqual(readFrontMatter('---\nshell: zsh\ncwd: ops\nskipPrompts: true\nrunme:\n  id: 01HF7BT3HD84GWTQB8ZY0GBA06\n  version: v3\n---\n'), { format: 'yaml', ...want });
    assert.deepEqual(readFrontMatter('+++\nshell = "zsh"\ncwd = "ops"\nskipPrompts = true\n[runme]\nid = "01HF7BT3HD84GWTQB8ZY0GBA06"\nversion = "v3"\n+++'), { format: 'toml', ...want });
    assert.deepEqual(readFrontMatter('{"shell":"zsh","cwd":"ops","skipPrompts":true,"runme":{"id":"01HF7BT3HD84GWTQB8ZY0GBA06","version":"v3"}}\n'), { format: 'json', ...want });
  });

  it('skipPrompts only for a boolean true; empty values are not set', () => {
    for (const v of ['false', '"true"', 'yes', '1', '~']) assert.equal(readFrontMatter(`---\nskipPrompts: ${v}\n---`)?.skipPrompts, false, v);
    assert.deepEqual(readFrontMatter('---\nshell: ""\ncwd: "  "\nrunme: 3\n---'), { format: 'yaml', skipPrompts: false });
    assert.deepEqual(readFrontMatter('---\n---'), { format: 'yaml', skipPrompts: false });
  });

  it('says why front matter cannot be read, and uses none of it', () => {
    assert.match(readFrontMatter('---\nshell: [zsh\n---')?.error ?? '', /YAML front matter cannot be read/);
    assert.match(readFrontMatter('+++\nshell = \n+++')?.error ?? '', /TOML front matter cannot be read/);
    assert.match(readFrontMatter('---\n- a\n- b\n---')?.error ?? '', /not a mapping/);
    assert.equal(readFrontMatter(''), undefined);
    assert.equal(readFrontMatter('# just markdown'), undefined);
  });

  it("resolves cwd as Runme does: relative to the runbook's folder, absolute as is, ignored when not a directory", () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-cwd-'));
    mkdirSync(join(dir, 'ops'));
    const fm = (cwd: string) => ({ format: 'yaml' as const, skipPrompts: false, cwd });
    assert.equal(notebookCwd(dir, fm('ops')), join(dir, 'ops'));
    assert.equal(notebookCwd(dir, fm(join(dir, 'ops'))), join(dir, 'ops'));
    assert.equal(notebookCwd(dir, fm('missing')), dir);
    assert.equal(notebookCwd(dir, undefined), dir);
  });

  it('bash is the session shell; any other shell runs each cell as its script', () => {
    assert.deepEqual(['bash', '/bin/bash', '/usr/local/bin/bash -l', 'zsh', '/bin/sh', 'ksh', 'bash5'].map(isBash), [true, true, true, false, false, false, false]);
  });
});
