/**
 * Which chart template each document of `helm template` output comes from. helm writes every
 * rendered document, hooks included, as `---`, then `# Source: <chart>/templates/<file>` (a
 * subchart's as `<chart>/charts/<sub>/templates/<file>`), then the document (helm.sh/helm/v3
 * pkg/action/action.go and cmd/helm/template.go, `"---
# Source: %s
%s
"`). Piped into the
 * checker, the stream has no file name of its own, so the template is the name worth reporting.
 */

/** A line that ends one document and starts the next, as kubectl cuts a stream (kubectl-stream.ts). */
const SEPARATOR = /^---/;
const SOURCE = /^# Source: (\S.*?)\s*$/;

/** The template a line of the text (1-based) belongs to: the last `# Source:` comment since the last `---` line. */
export function helmTemplates(text: string): (line: number) => string | undefined {
  const templates: Array<string | undefined> = [];
  let current: string | undefined;
  for (const line of text.split("\n")) {
    if (SEPARATOR.test(line)) current = undefined;
    current = SOURCE.exec(line)?.[1] ?? current;
    templates.push(current);
  }
  return (line) => templates[line - 1];
}
