// Article text with evidence spans marked: builds DOM nodes (never innerHTML, the text is untrusted).

export type SpanPair = [number, number];

/** Sorted, clipped, non-overlapping spans (merged where they touch or overlap). */
export function normaliseSpans(spans: SpanPair[], length: number): SpanPair[] {
  const clipped = spans
    .map(([s, e]) => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))] as SpanPair)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: SpanPair[] = [];
  for (const span of clipped) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

export interface Run { text: string; marked: boolean; attribution: boolean }

/** The text as paragraphs of runs, marked where an evidence span covers them and flagged where the
 *  attribution ("officials said") does. Every line break starts a paragraph (clean text keeps one paragraph
 *  per line), and a run crossing a break is split so no mark spans two paragraphs. */
export function highlightRuns(text: string, spans: SpanPair[], attribution: SpanPair[] = []): Run[][] {
  const marks = normaliseSpans(spans, text.length);
  const sources = normaliseSpans(attribution, text.length);
  const cuts = [...new Set([0, text.length, ...marks.flat(), ...sources.flat()])].sort((a, b) => a - b);
  const inside = (list: SpanPair[], at: number) => list.some(([s, e]) => s <= at && at < e);
  const paragraphs: Run[][] = [[]];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const marked = inside(marks, from), attributed = inside(sources, from);
    text.slice(from, to).split(/[ \t]*\n\s*/).forEach((part, j) => {
      if (j > 0) paragraphs.push([]);
      if (part) paragraphs[paragraphs.length - 1].push({ text: part, marked, attribution: attributed });
    });
  }
  return paragraphs.filter((runs) => runs.length > 0);
}

/** The runs as <p> elements: evidence in <mark class="evidence">, attribution in <span class="attribution">
 *  (inside the mark when the evidence holds it); built with textContent (the text is untrusted). */
export function highlightedText(text: string, spans: SpanPair[], attribution: SpanPair[] = []): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const runs of highlightRuns(text, spans, attribution)) {
    const paragraph = document.createElement("p");
    let mark: HTMLElement | null = null;   // consecutive marked runs share one <mark>
    for (const run of runs) {
      let node: Node = document.createTextNode(run.text);
      if (run.attribution) {
        const span = document.createElement("span");
        span.className = "attribution";
        span.title = "attribution: who the article says reports this";
        span.textContent = run.text;
        node = span;
      }
      if (!run.marked) { mark = null; paragraph.append(node); continue; }
      if (!mark) {
        mark = document.createElement("mark");
        mark.className = "evidence";
        paragraph.append(mark);
      }
      mark.append(node);
    }
    fragment.append(paragraph);
  }
  return fragment;
}
