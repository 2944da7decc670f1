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

export interface Run { text: string; marked: boolean }

/** The text as paragraphs of runs, marked where a span covers them. Every line break starts a paragraph
 *  (clean text keeps one paragraph per line), and a mark crossing a break is split so it never spans two. */
export function highlightRuns(text: string, spans: SpanPair[]): Run[][] {
  const paragraphs: Run[][] = [[]];
  const emit = (from: number, to: number, marked: boolean) => {
    text.slice(from, to).split(/[ \t]*\n\s*/).forEach((part, i) => {
      if (i > 0) paragraphs.push([]);
      if (part) paragraphs[paragraphs.length - 1].push({ text: part, marked });
    });
  };
  let at = 0;
  for (const [start, end] of normaliseSpans(spans, text.length)) {
    if (start > at) emit(at, start, false);
    emit(start, end, true);
    at = end;
  }
  if (at < text.length) emit(at, text.length, false);
  return paragraphs.filter((runs) => runs.length > 0);
}

/** The runs as <p> elements with <mark class="evidence">; built with textContent (the text is untrusted). */
export function highlightedText(text: string, spans: SpanPair[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const runs of highlightRuns(text, spans)) {
    const paragraph = document.createElement("p");
    for (const run of runs) {
      if (!run.marked) { paragraph.append(document.createTextNode(run.text)); continue; }
      const mark = document.createElement("mark");
      mark.className = "evidence";
      mark.textContent = run.text;
      paragraph.append(mark);
    }
    fragment.append(paragraph);
  }
  return fragment;
}
