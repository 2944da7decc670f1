// Timeline: stacked bars of event counts per day, week or month; brushing selects a date range.
import { max } from "d3-array";
import { brushX, type BrushBehavior, type D3BrushEvent } from "d3-brush";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select, type Selection } from "d3-selection";
import type { TimelineRow } from "./api";
import { EVENT_TYPES, QUAD_CLASSES, quadColor, typeColor } from "./codes";

export type Granularity = "day" | "week" | "month";
const DAY = 86_400_000;

/** A UTC date from an API period ("2025", "2025-05", "2025-05-14", or a datetime); null when unreadable. */
export function parsePeriod(period: string): Date | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(period ?? "");
  if (!m) return null;
  return new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1));
}

export function isoDay(date: Date): string { return date.toISOString().slice(0, 10); }

/** Start of the bin a date falls in: the day, the Monday of its ISO week, or the first of its month. */
export function binStart(date: Date, by: Granularity): Date {
  if (by === "month") return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  if (by === "week") return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
  return day;
}

export function binEnd(start: Date, by: Granularity): Date {
  if (by === "month") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (by === "week" ? 7 : 1) * DAY);
}

/** Few enough bars to read: days for up to ~4 months, weeks up to ~2 years, then months. */
export function autoGranularity(first: Date, last: Date): Granularity {
  const days = (last.getTime() - first.getTime()) / DAY;
  return days <= 120 ? "day" : days <= 730 ? "week" : "month";
}

/** Rows of the busiest stretch of time, and how many events fall outside it.
 *  News mentions history ("the 1967 war"): a few old dates would squeeze this month's bars into one pixel,
 *  so stretches separated by more than `gapDays` without events are shown one at a time. */
export function mainStretch(rows: TimelineRow[], gapDays = 365): { rows: TimelineRow[]; before: number; after: number } {
  const dated = rows.map((row) => ({ row, time: parsePeriod(row.period)?.getTime() }))
    .filter((d): d is { row: TimelineRow; time: number } => d.time !== undefined)
    .sort((a, b) => a.time - b.time);
  if (!dated.length) return { rows: [], before: 0, after: 0 };
  const stretches: { from: number; to: number; count: number }[] = [];
  dated.forEach((d, i) => {
    const last = stretches[stretches.length - 1];
    if (last && d.time - dated[i - 1].time <= gapDays * DAY) { last.to = i; last.count += d.row.count; }
    else stretches.push({ from: i, to: i, count: d.row.count });
  });
  const best = stretches.reduce((a, b) => (b.count >= a.count ? b : a));
  const count = (from: number, to: number) => dated.slice(from, to).reduce((n, d) => n + d.row.count, 0);
  return { rows: dated.slice(best.from, best.to + 1).map((d) => d.row), before: count(0, best.from),
           after: count(best.to + 1, dated.length) };
}

export interface Bin { start: Date; end: Date; counts: Map<string, number>; total: number }

export function binRows(rows: TimelineRow[], by: Granularity): Bin[] {
  const bins = new Map<number, Bin>();
  for (const row of rows) {
    const date = parsePeriod(row.period);
    if (!date || !row.count) continue;
    const start = binStart(date, by);
    let bin = bins.get(start.getTime());
    if (!bin) { bin = { start, end: binEnd(start, by), counts: new Map(), total: 0 }; bins.set(start.getTime(), bin); }
    const group = row.group == null ? "none" : String(row.group);
    bin.counts.set(group, (bin.counts.get(group) ?? 0) + row.count);
    bin.total += row.count;
  }
  return [...bins.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

const MIN_BINS = 14;   // two events on two days should read as two bars, not two walls

/** The x extent: the bins' span, widened evenly to at least MIN_BINS bins (today's month when empty). */
export function paddedDomain(bins: Bin[], by: Granularity): [Date, Date] {
  let first = bins[0]?.start ?? binStart(new Date(), by);
  let last = bins[bins.length - 1]?.end ?? binEnd(first, by);
  let count = 0;
  for (let d = first; d < last && count < MIN_BINS; d = binEnd(d, by)) count++;
  for (let i = 0; count < MIN_BINS; i++, count++) {
    if (i % 2 === 0) last = binEnd(last, by);
    else first = binStart(new Date(first.getTime() - DAY), by);
  }
  return [first, last];
}

export interface TimelineHandlers { onRange(since: string | null, until: string | null): void }

interface Segment { bin: Bin; group: string; y0: number; y1: number }

export class TimelineView {
  private svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private bars: Selection<SVGGElement, unknown, null, undefined>;
  private axis: Selection<SVGGElement, unknown, null, undefined>;
  private brushLayer: Selection<SVGGElement, unknown, null, undefined>;
  private brush: BrushBehavior<unknown>;
  private allRows: TimelineRow[] = [];
  private rows: TimelineRow[] = [];          // the rows drawn: the main stretch, or all with showAll
  private showAll = false;
  private group: "quad_class" | "type" = "quad_class";
  private by: Granularity | "auto" = "auto";
  private range: [string | null, string | null] = [null, null];
  private x = scaleUtc();
  private width = 0;
  private height = 0;
  private moving = false;
  readonly margin = { top: 8, right: 10, bottom: 22, left: 34 };

  constructor(private host: HTMLElement, private legend: HTMLElement, private note: HTMLElement,
              private handlers: TimelineHandlers) {
    this.svg = select(host).append("svg").attr("class", "timeline-svg").attr("role", "img");
    this.axis = this.svg.append("g").attr("class", "axis");   // under the bars: grid lines must not cross them
    this.bars = this.svg.append("g").attr("class", "bars");
    this.brushLayer = this.svg.append("g").attr("class", "brush");
    this.brush = brushX().on("end", (event: D3BrushEvent<unknown>) => this.brushed(event));
    new ResizeObserver(() => this.resize()).observe(host);
    this.resize();
  }

  update(rows: TimelineRow[], group: "quad_class" | "type", by: Granularity | "auto",
         since: string | null, until: string | null): void {
    this.allRows = rows; this.group = group; this.by = by; this.range = [since, until];
    this.render();
  }

  setGranularity(by: Granularity | "auto"): void { this.by = by; this.render(); }

  /** The granularity in use (auto resolved against the data's extent). */
  granularity(): Granularity {
    if (this.by !== "auto") return this.by;
    const dates = this.rows.map((r) => parsePeriod(r.period)).filter((d): d is Date => d !== null);
    if (!dates.length) return "day";
    const times = dates.map((d) => d.getTime());
    return autoGranularity(new Date(Math.min(...times)), new Date(Math.max(...times)));
  }

  private resize(): void {
    const { width, height } = this.host.getBoundingClientRect();
    if (width < 10 || height < 10 || (width === this.width && height === this.height)) return;
    this.width = width; this.height = height;
    this.svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
    this.render();
  }

  private groups(): string[] {
    return this.group === "type" ? [...EVENT_TYPES] : Object.keys(QUAD_CLASSES);
  }

  private color(group: string): string {
    return this.group === "type" ? typeColor(group) : quadColor(group);
  }

  private selectRows(): void {
    const stretch = mainStretch(this.allRows);
    this.rows = this.showAll ? this.allRows : stretch.rows;
    const hidden = this.showAll ? 0 : stretch.before + stretch.after;
    this.svg.attr("data-hidden", hidden);
    this.note.replaceChildren();
    if (!hidden && !this.showAll) return;
    const text = this.showAll ? "All dates shown. " : `${hidden} event${hidden === 1 ? "" : "s"} dated ${
      stretch.before && stretch.after ? "far before and after" : stretch.before ? "years earlier" : "years later"} not drawn. `;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = this.showAll ? "Show the busiest stretch" : "Show all dates";
    button.addEventListener("click", () => { this.showAll = !this.showAll; this.render(); });
    this.note.append(text, button);
  }

  private render(): void {
    this.selectRows();
    if (!this.width) return;
    const by = this.granularity();
    const bins = binRows(this.rows, by);
    const { top, right, bottom, left } = this.margin;
    const innerW = Math.max(10, this.width - left - right);
    const innerH = Math.max(10, this.height - top - bottom);
    const [first, last] = paddedDomain(bins, by);
    this.x = scaleUtc().domain([first, last]).range([left, left + innerW]);
    const y = scaleLinear().domain([0, max(bins, (b) => b.total) ?? 1]).nice().range([top + innerH, top]);
    const order = [...this.groups(), "none"];
    const segments: Segment[] = bins.flatMap((bin) => {
      let y0 = 0;
      return order.filter((g) => bin.counts.get(g)).map((group) => {
        const seg = { bin, group, y0, y1: y0 + (bin.counts.get(group) ?? 0) };
        y0 = seg.y1;
        return seg;
      });
    });
    const gap = bins.length > 60 ? 0 : 1;
    this.bars.selectAll<SVGRectElement, Segment>("rect.bar")
      .data(segments)
      .join((enter) => enter.append("rect").attr("class", "bar").call((r) => r.append("title")))
      .attr("x", (s) => this.x(s.bin.start) + gap / 2)
      .attr("width", (s) => Math.max(1, this.x(s.bin.end) - this.x(s.bin.start) - gap))
      .attr("y", (s) => y(s.y1))
      .attr("height", (s) => Math.max(0, y(s.y0) - y(s.y1)))
      .attr("fill", (s) => this.color(s.group))
      .attr("data-period", (s) => isoDay(s.bin.start))
      .attr("data-group", (s) => s.group)
      .attr("data-count", (s) => s.y1 - s.y0)
      .select("title").text((s) => `${by} of ${isoDay(s.bin.start)}: ${s.y1 - s.y0} ${this.groupLabel(s.group)} (of ${s.bin.total})`);
    this.renderAxis(y, innerH);
    this.svg.attr("aria-label", `Timeline: ${bins.reduce((n, b) => n + b.total, 0)} events in ${bins.length} ${by}s; drag across it to filter by date`);
    this.renderLegend(segments);
    this.brushLayer.call(this.brush.extent([[left, top], [left + innerW, top + innerH]]));
    this.showRange();
  }

  private groupLabel(group: string): string {
    return this.group === "type" ? group : (QUAD_CLASSES[Number(group)]?.short ?? "unclassified");
  }

  private renderAxis(y: ReturnType<typeof scaleLinear<number, number>>, innerH: number): void {
    // Bins are whole days at least: ticks inside a day ("06 AM") would suggest a precision the data lacks.
    const ticks = this.x.ticks(Math.max(2, Math.floor(this.width / 90)))
      .filter((d) => d.getUTCHours() === 0 && d.getUTCMinutes() === 0)
      .filter((d) => this.x(d) <= this.width - 24)   // a label at the very edge would be cut in half
      .filter((_, i, all) => i % Math.ceil((all.length * 72) / Math.max(1, this.width)) === 0);   // labels ≥72px apart
    const fmt = this.x.tickFormat(ticks.length);
    const yTicks = y.ticks(3).filter(Number.isInteger);
    const top = this.margin.top;
    this.axis.selectAll<SVGTextElement, Date>("text.x-tick").data(ticks)
      .join("text").attr("class", "x-tick").attr("x", (d) => this.x(d)).attr("y", top + innerH + 15)
      .attr("text-anchor", "middle").text((d) => fmt(d));
    this.axis.selectAll<SVGLineElement, number>("line.y-grid").data(yTicks)
      .join("line").attr("class", "y-grid").attr("x1", this.margin.left).attr("x2", this.width - this.margin.right)
      .attr("y1", (d) => y(d)).attr("y2", (d) => y(d));
    this.axis.selectAll<SVGTextElement, number>("text.y-tick").data(yTicks)
      .join("text").attr("class", "y-tick").attr("x", this.margin.left - 5).attr("y", (d) => y(d))
      .attr("dy", "0.32em").attr("text-anchor", "end").text((d) => String(d));
  }

  private renderLegend(segments: Segment[]): void {
    const present = new Set(segments.map((s) => s.group));
    const items = [...this.groups(), "none"].filter((g) => present.has(g));
    const root = select(this.legend);
    root.selectAll("li").data(items, (d) => String(d)).join((enter) => {
      const li = enter.append("li");
      li.append("span").attr("class", "swatch").attr("aria-hidden", "true");
      li.append("span").attr("class", "legend-label");
      return li;
    }).call((li) => {
      li.select(".swatch").style("background", (g) => this.color(g));
      li.select(".legend-label").text((g) => this.groupLabel(g));
    });
  }

  /** Draws the brush over the filtered range without firing the brush handler. */
  private showRange(): void {
    const [since, until] = this.range;
    const [d0, d1] = this.x.domain();
    if (!since && !until) { this.moving = true; this.brushLayer.call(this.brush.move, null); this.moving = false; return; }
    const a = since ? parsePeriod(since) ?? d0 : d0;
    const b = until ? new Date((parsePeriod(until) ?? d1).getTime() + DAY) : d1;
    this.moving = true;
    this.brushLayer.call(this.brush.move, [this.x(a), this.x(b)].map((v) => Math.max(this.x.range()[0], Math.min(this.x.range()[1], v))) as [number, number]);
    this.moving = false;
  }

  private brushed(event: D3BrushEvent<unknown>): void {
    if (this.moving || !event.sourceEvent) return;
    if (!event.selection) { this.handlers.onRange(null, null); return; }
    const by = this.granularity();
    const [x0, x1] = event.selection as [number, number];
    // Snap to whole bins, so the range filter matches the bars the user brushed over.
    const since = binStart(this.x.invert(x0), by);
    const untilStart = binStart(new Date(this.x.invert(x1).getTime() - 1), by);
    const until = new Date(binEnd(untilStart, by).getTime() - DAY);
    this.handlers.onRange(isoDay(since), isoDay(until));
  }
}
