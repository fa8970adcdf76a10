// The fence scanner on small documents, each held against markdown-it's fence tokens: which line opens a fence, which
// closes it (or that it never closes), its info string and the text it holds. Quoted fences count too (by their lines).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { scanFences } from '../../../../src/domain/runbook/fenceScanner';
import { joinedLines, splitLines } from '../../../../src/domain/runbook/markdownLines';

interface MdToken {
  type: string;
  map: [number, number] | null;
  info: string;
  markup: string;
  content: string;
}
// markdown-it (a dev dependency, via @vscode/vsce) is the reference: where it sees a fence, so must we.
const MarkdownIt = createRequire(__filename)('markdown-it') as new (preset: string) => { parse(src: string, env: object): MdToken[] };
const reference = new MarkdownIt('commonmark');

/** Whether markdown-it's fence token ended on a closing fence line (its map then covers that line and the content does not). */
function closedByMarker(t: MdToken, lines: string[]): boolean {
  const [open, end] = t.map ?? [0, 0];
  const contentLines = t.content.split('\n').length - 1;
  return contentLines === end - open - 2 && !/^[ \t]*$/.test(lines[end - 1]);
}

function referenceFences(src: string): string[] {
  const lines = src.split('\n');
  const out: string[] = [];
  let quotes = 0;
  for (const t of reference.parse(src, {})) {
    if (t.type === 'blockquote_open') quotes++;
    else if (t.type === 'blockquote_close') quotes--;
    else if (t.type === 'fence' && t.map) {
      const lines2 = `${t.map[0]}-${closedByMarker(t, lines) ? t.map[1] - 1 : 'open'} ${JSON.stringify(t.info.trim())}`;
      out.push(quotes ? `quoted ${lines2}` : `${lines2} ${JSON.stringify(t.content)}`);
    }
  }
  return out;
}

function ourFences(src: string): string[] {
  const doc = splitLines(src);
  return scanFences(doc.text).map((f) => {
    const lines = `${f.open}-${f.close === -1 ? 'open' : f.close} ${JSON.stringify(f.info)}`;
    if (f.inQuote) return `quoted ${lines}`;
    const contentEnd = f.close === -1 ? f.end : f.close;
    const content = contentEnd > f.open + 1 ? `${joinedLines(doc, f.open + 1, contentEnd, f.indent)}\n` : '';
    return `${lines} ${JSON.stringify(content)}`;
  });
}

/** Each document's fences, ours against markdown-it's; every document ends with a newline. */
function assertAgree(docs: string[]): void {
  const wrong: string[] = [];
  for (const src of docs) {
    const want = referenceFences(src);
    const got = ourFences(src);
    if (want.join(' | ') !== got.join(' | ')) wrong.push(`${JSON.stringify(src)}\n  markdown-it: ${want.join(' | ')}\n  scanner:     ${got.join(' | ')}`);
  }
  assert.deepEqual(wrong, []);
}

describe('fence scanner: small documents against markdown-it', () => {
  it('opens on three or more backticks or tildes, never two, and keeps the trimmed info string', () => {
    assertAgree(['```\n', '~~~\n', '``\n```\n', '```js x\n```\n', '```\t\n', '```sh\n', ' ~~~~\n', '> ``\n', '```  x  \n']);
  });

  it('a backtick in a backtick fence’s info string makes it inline code, not a fence; a tilde fence may hold one', () => {
    assertAgree(['``` a`b\n', ' ~~~ a`b\n', '~~~ a`b\n~~~\n', '```\n``` x\n```\n', '```\n```x\n```\n']);
  });

  it('closes only on the same character, at least as long, at most three spaces in, with nothing after it', () => {
    assertAgree(['````\n```\n````\n', '~~~~\n~~~\n~~~~~\n', '```\n~~~\n```\n', '```\n   ```\n', '```\n    ```\n```\n', '   ```\n   a\n  b\n```\n', ' ```\n  x\n```\n']);
  });

  it('four columns in (a tab counts to the next stop of four) is indented code, not a fence', () => {
    assertAgree(['    ```\n', '\t```\n', '  \t```\n', '    a\n```\n', 'a\n    ```\n', '    a\nb\n    ```\n', '    ~~~\n']);
  });

  it('list items: a marker (- + * or up to nine digits with . or )) then its content column; other characters are text', () => {
    assertAgree([
      '+ ```\n', '* ```\n', '-\t```\n', '-\t```\n\tx\n', '-~~~\n', '0. ```\n', '9. ```\n', '123456789. ```\n', '1234567890. ```\n',
      '/ ```\n', ', ```\n', '. ```\n', ': ```\n', ') ```\n', 'a) ```\n', '/. ```\n', ':. ```\n', '1. x\n- ```\n',
      '1.  ```\n    x\n    ```\n', '-    ```\n     x\n    ```\n', '-     ```\n', '-     ```\n      x\n', '-      ```\n  x\n',
      '- a\n\n  ```\n  x\n  ```\n', '- ```\n\n  x\n  ```\n', '- a\n\n  - b\n\n    ```\n    x\n    ```\n', '1. a\n\n   ```\n   x\n',
      '- ```\n   \n  x\n', '- ```\n\n\n  x\n', '-\t```\n  ===\n', '+ ~~~\n--\n',
    ]);
  });

  it('an item that starts blank holds what follows at its column, but ends at the next blank line if still empty', () => {
    assertAgree(['-\n\n  ```\nfoo\n```\n', '-\n  ```\nfoo\n', '-\n  ```\n  foo\n\n  x\n', '-\n\n- ```\n', '-\n-\n  ```\n', '- \n\n  ```\n', '1.\n\n   ```\nx\n', '-\n  a\n\n  ```\n  x\n  ```\n', '-\n   \n  ```\n', '- a\n-\n  ```\nb\n', '1) \n>+\n', '-    \n      ```sh\n      echo hi\n      ```\n']);
  });

  it('a paragraph is interrupted by a list item only when it is not empty and, if ordered, starts at 1', () => {
    assertAgree([
      'a\n1. ```\n', 'a\n2. ```\n', 'a\n1.\n   ```\nb\n```\n', 'a\n1. \n   ```\nb\n```\n', 'a\n1)\n   ```\nb\n```\n', 'a\n*\n  ```\nb\n```\n',
      'a\n+\n  ```\nb\n```\n', 'a\n- \n  ```\nb\n```\n', 'a\n-\n', 'a\n- -\n```\n',
    ]);
  });

  it('after a heading, a thematic break, a setext underline or indented code, any list item may start', () => {
    assertAgree([
      'a\n\n2. ```\n', '> a\n>\n> 2. ```\n', '# h\n2. ```\n', '***\n2. ```\n', '---\n2. ```\n', '___\n2. ```\n', '* * *\n2. ```\n', 'a\n===\n2. ```\n', 'a\n---\n2. ```\n', '#\n2. ```\n',
      '#x\n2. ```\n', '####### x\n2. ```\n', 'a\n= =\n2. ```\n', '    a\n2. ```\n', '    a\n\n2. ```\n', '    a\n- ```\n',
    ]);
  });

  it('HTML blocks hide fences until their end: the end marker for kinds 1–5, a blank line for kinds 6 and 7', () => {
    assertAgree([
      '<div>\n```\n\n```\n', '<!-- a -->\n```\n', '<!--\n```\n-->\n```\n', '<?x ?>\n```\n', '<?x\n```\n?>\n```\n', '<!X>\n```\n', '<!X\n```\n>\n```\n',
      '<![CDATA[ ]]>\n```\n', '<![CDATA[\n```\n]]>\n```\n', '<script></script>\n```\n', '<script>\n```\n</script>\n```\n', '<pre>\n```\n</pre>\n```\n',
      '<custom-tag>\n```\n\n```\n', '<x>\n```\n\n```\n', '> <!X\n> ```\n> x\n', '    a\n\n<custom-tag>\n```\n', 'a\n<div>\n```\n', 'a\n<!--\n```\n', '<\n', '</a>\n', '-?>\n', '</a>\n ___\n',
    ]);
  });

  it('a tag of its own (kind 7) cannot interrupt a paragraph; after a heading, a break or indented code it starts an HTML block', () => {
    assertAgree(['a\n<custom-tag>\n```\n', 'a\n=\n<custom-tag>\n```\n', 'a\n---\n<custom-tag>\n```\n', '# a\n<custom-tag>\n```\n', '***\n<custom-tag>\n```\n', '    a\n<custom-tag>\n```\n']);
  });

  it('lazy lines: a paragraph goes on past its container unless the line starts another block', () => {
    assertAgree([
      '> a\n```\n', '> a\nb\n```\n', '> a\n# h\n```\n', '> a\n***\n```\n', '> a\n- b\n```\n', '> a\n<div>\n```\n', '> a\n    ```\n', '- a\n    b\n```\n',
      '> a\n2. b\n```\n', '> a\n>b\n```\n', '- a\n> b\n```\n', '> a\n ```\nb\n```\n', '> a\n    b\n```\n', '- a\n     b\n```\n',
      // Four columns in, even what would start a block is the paragraph's text; after it a lone tag still cannot interrupt.
      '> a\n    # b\n<custom-tag>\n```\n', '> a\n    b\n<custom-tag>\n```\n', 'a\n    b\n<custom-tag>\n```\n',
    ]);
  });

  it('a tag of its own on a lazy line continues the paragraph, so the fence after it is still found', () => {
    // Was a bug: the lazy-line test let a kind-7 tag interrupt the paragraph and the HTML block swallowed the fence.
    assertAgree(['> a\n<custom-tag>\n```\n', '- a\n<custom-tag>\n```\n', '- a\n<img src="x.png">\n```sh\nkubectl get pods\n```\n']);
    assert.deepEqual(
      scanFences(['1. Look at the diagram:', '<img src="flow.png">', '```sh', 'kubectl get pods', '```']).map((f) => [f.open, f.close, f.info]),
      [[2, 4, 'sh']],
    );
  });

  it('block quotes: a fence inside is quoted and ends where the quote does; the optional space after > is not content', () => {
    assertAgree([
      '>~~~\n', '> ```\n>    ```\nx\n', '> ```\n>     ```\n> x\n', '>```\n>   ```\n', '>```\n>    ```\n>```\n', '>\t```\n>\tx\n', '> ```\n>\n> x\n', '> ```\n\n> x\n',
      '- > ```\n  > x\n  > ```\n', '> ```\n   > x\n   > ```\n', '> > ```\n> > x\n> ```\n', '> - ```\n>   x\n>   ```\n',
    ]);
  });

  it('a > four columns in does not continue the quote: the quoted fence ends there (markdown-it strays here)', () => {
    // CommonMark: a block quote marker is at most three spaces in; markdown-it takes any indentation.
    assert.deepEqual(
      scanFences(['> ```', '    > x']).map((f) => [f.open, f.close, f.end, f.inQuote]),
      [[0, -1, 1, true]],
    );
  });

  it('a closed fence ends one line past its closing fence; an unclosed one at the end of the document', () => {
    assert.deepEqual(
      scanFences(['```sh', 'x', '```', 'after', '~~~', 'y']).map((f) => [f.open, f.close, f.end]),
      [
        [0, 2, 3],
        [4, -1, 6],
      ],
    );
  });

  it('in a block quote, a list item’s content column counts from after the >, however far the > is indented', () => {
    // Was a bug: the column was absolute, so "  > ~~~" (the > two columns in) still counted as inside "> - ```".
    assertAgree(['> - ```\n  > ~~~\n', '>- ```\n>  x\n```\n', '> - a\n  > <custom-tag>\n```\n']);
    assert.deepEqual(
      scanFences(['> - ```', '  > ~~~']).map((f) => [f.open, f.close, f.end, f.inQuote]),
      [
        [0, -1, 1, true],
        [1, -1, 2, true],
      ],
    );
  });

  it('mixtures of containers, leaves and fences', () => {
    assertAgree([
      '10. text\n> - ~~~\n- > 1.\n',
      '> ~~~\n> > 0. y\n  > ~~~~\n-  ___\n``` a`b\n  </script>\n',
      '  <b>\n-\n-     <\n```sh\n<b>\n',
      '    ~~~\n1.<b>\n \t- x\n2. ~~~\n<script>\n0. ~~~\n',
      '1.1.\n* <x\n   -\n<b>\n- > ~~~ a`b\n10. =\n     -->\n',
      '\n',
    ]);
  });
});
