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

/** Paragraphs of `text` with every span wrapped in <mark class="evidence">; spans may cross paragraphs. */
export function highlightedText(text: string, spans: SpanPair[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const marks = normaliseSpans(spans, text.length);
  let paragraph = document.createElement("p");
  fragment.append(paragraph);
  const emit = (from: number, to: number, marked: boolean) => {
    // Paragraph breaks split the run so a mark never spans two <p>s.
    const parts = text.slice(from, to).split(/\n\s*\n/);
    parts.forEach((part, i) => {
      if (i > 0) { paragraph = document.createElement("p"); fragment.append(paragraph); }
      if (!part) return;
      if (marked) {
        const mark = document.createElement("mark");
        mark.className = "evidence";
        mark.textContent = part;
        paragraph.append(mark);
      } else {
        paragraph.append(document.createTextNode(part));
      }
    });
  };
  let at = 0;
  for (const [start, end] of marks) {
    if (start > at) emit(at, start, false);
    emit(start, end, true);
    at = end;
  }
  if (at < text.length) emit(at, text.length, false);
  return fragment;
}
