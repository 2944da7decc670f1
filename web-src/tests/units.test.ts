// Unit tests of the dashboard's pure logic; `npm test` bundles them with esbuild and runs node's test runner.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError } from "../src/api";
import { conflictShare, quadColor, typeColor, QUAD_CLASSES } from "../src/codes";
import { highlightRuns, normaliseSpans } from "../src/highlight";
import { describeIngestError } from "../src/ingest";
import { bubbleRadius, clusterPoints } from "../src/map";
import { topNetwork } from "../src/network";
import { filterQuery, parseState, sameFilters, stateToSearch } from "../src/state";
import { autoGranularity, binRows, binStart, mainStretch, paddedDomain, parsePeriod } from "../src/timeline";

test("spans are clipped to the text, sorted, and merged where they overlap", () => {
  assert.deepEqual(normaliseSpans([[30, 40], [-5, 3], [35, 50], [60, 55], [90, 120]], 100),
    [[0, 3], [30, 50], [90, 100]]);
});

test("marks cover exactly the evidence and split at line breaks", () => {
  const text = "Intro line.\nTroops crossed the river. Talks failed.\nLast line.";
  const start = text.indexOf("Troops"), end = text.indexOf("Talks") - 1;
  const paragraphs = highlightRuns(text, [[start, end]]);
  assert.equal(paragraphs.length, 3);
  assert.deepEqual(paragraphs[1], [{ text: "Troops crossed the river.", marked: true, attribution: false },
    { text: " Talks failed.", marked: false, attribution: false }]);
  const crossing = highlightRuns(text, [[text.indexOf("Talks"), text.indexOf("Last") + 4]]);
  assert.deepEqual(crossing.flat().filter((r) => r.marked).map((r) => r.text), ["Talks failed.", "Last"]);
});

test("the URL state round-trips and ignores unknown or empty values", () => {
  const state = parseState("?actor=SYRGOV&type=ASSAULT&since=2025-05-01&by=week&event=42&bogus=1&text=");
  assert.deepEqual(state.filters, { actor: "SYRGOV", type: "ASSAULT", since: "2025-05-01" });
  assert.equal(state.by, "week");
  assert.equal(state.event, "42");
  assert.equal(stateToSearch(state), "?actor=SYRGOV&type=ASSAULT&since=2025-05-01&by=week&event=42");
  assert.equal(parseState("?by=fortnight&group=colour").by, "auto");
  assert.equal(parseState("?sort=-confidence").sort, "-confidence");
  assert.equal(parseState("?sort=random()").sort, "-date");
  assert.equal(stateToSearch(parseState("")), "");
  assert.ok(sameFilters({ actor: "ISR" }, { actor: "ISR", type: "" }));
  assert.deepEqual(filterQuery({ actor: "ISR", since: "2025-01-01", until: "2025-02-01" }, ["since", "until"]), { actor: "ISR" });
});

test("periods of any precision parse to UTC dates and bin by day, ISO week and month", () => {
  assert.equal(parsePeriod("2025")!.toISOString().slice(0, 10), "2025-01-01");
  assert.equal(parsePeriod("2025-05")!.toISOString().slice(0, 10), "2025-05-01");
  assert.equal(parsePeriod("not a date"), null);
  const thursday = parsePeriod("2025-05-15")!;
  assert.equal(binStart(thursday, "week").toISOString().slice(0, 10), "2025-05-12");
  assert.equal(binStart(thursday, "month").toISOString().slice(0, 10), "2025-05-01");
  const bins = binRows([{ period: "2025-05-12", group: 1, count: 2 }, { period: "2025-05-15", group: 4, count: 3 },
    { period: "2025-05-20", group: 1, count: 1 }], "week");
  assert.deepEqual(bins.map((b) => [b.start.toISOString().slice(0, 10), b.total]), [["2025-05-12", 5], ["2025-05-19", 1]]);
  assert.equal(autoGranularity(parsePeriod("2025-01-01")!, parsePeriod("2025-03-01")!), "day");
  assert.equal(autoGranularity(parsePeriod("2025-01-01")!, parsePeriod("2025-12-01")!), "week");
  assert.equal(autoGranularity(parsePeriod("2020-01-01")!, parsePeriod("2025-12-01")!), "month");
});

test("the timeline draws the busiest stretch and counts the far-off dates it leaves out", () => {
  const rows = [{ period: "1967-06-05", group: 4, count: 2 }, { period: "2025-05-01", group: 1, count: 3 },
    { period: "2025-05-20", group: 4, count: 4 }, { period: "2026-01-01", group: 2, count: 1 }];
  const stretch = mainStretch(rows);
  assert.deepEqual(stretch.rows.map((r) => r.period), ["2025-05-01", "2025-05-20", "2026-01-01"]);
  assert.deepEqual([stretch.before, stretch.after], [2, 0]);
  assert.deepEqual(mainStretch([]), { rows: [], before: 0, after: 0 });
});

test("nearby places merge into one bubble that takes the dominant quad class", () => {
  const point = (name: string, quad: number, count: number, n_articles = 1) =>
    ({ lat: 0, lon: 0, name, country: null, count, n_articles, quad_class: quad, event_ids: [] });
  const bubbles = clusterPoints([
    { x: 100, y: 100, p: point("Khartoum", 4, 3, 2) },
    { x: 108, y: 104, p: point("Omdurman", 1, 1) },
    { x: 400, y: 100, p: point("Cairo", 1, 2) },
  ]);
  assert.equal(bubbles.length, 2);
  const sudan = bubbles.find((b) => b.members.length === 2)!;
  assert.deepEqual([sudan.events, sudan.articles, sudan.quad], [4, 3, 4]);
  assert.ok(bubbleRadius(50, 100) > bubbleRadius(1, 100));
  assert.equal(bubbleRadius(10_000, 10_000), bubbleRadius(100, 100));   // relative to the busiest place
  assert.ok(bubbleRadius(1, 1) < bubbleRadius(100, 100) / 2);          // ... but one article is not a crowd
});

test("the network keeps the busiest actors and drops self-loops and edges to dropped actors", () => {
  const net = topNetwork({
    nodes: [{ id: "A", name: null, count: 9 }, { id: "B", name: null, count: 5 }, { id: "C", name: null, count: 1 }],
    edges: [{ source: "A", target: "B", count: 3, cooperation: 3, conflict: 0 },
      { source: "A", target: "A", count: 1, cooperation: 0, conflict: 1 },
      { source: "B", target: "C", count: 1, cooperation: 0, conflict: 1 }],
  }, 2);
  assert.deepEqual(net.nodes.map((n) => n.id), ["A", "B"]);
  assert.deepEqual(net.edges.map((e) => `${e.source}>${e.target}`), ["A>B"]);
  assert.deepEqual([net.totalNodes, net.totalEdges], [3, 2]);
  assert.equal(conflictShare(1, 3), 0.75);
  assert.equal(conflictShare(0, 0), 0.5);
});

test("every quad class and PLOVER type has its own colour", () => {
  assert.equal(new Set(Object.keys(QUAD_CLASSES).map(quadColor)).size, 4);
  assert.equal(typeColor("ASSAULT") === typeColor("AGREE"), false);
  assert.equal(quadColor(null), typeColor("NOT-A-TYPE"));
});

test("ingest errors are told in words the user can act on", () => {
  assert.match(describeIngestError(new ApiError(401, "missing key")), /API key was refused/);
  assert.match(describeIngestError(new ApiError(413, "too big")), /larger than the server accepts/);
  assert.match(describeIngestError(new ApiError(422, "no main text")), /no main text/);
});

test("a short timeline is widened to a readable number of bars around its data", () => {
  const bins = binRows([{ period: "2025-03-15", group: 4, count: 1 }, { period: "2025-03-17", group: 2, count: 1 }], "day");
  const [first, last] = paddedDomain(bins, "day");
  assert.equal((last.getTime() - first.getTime()) / 86_400_000, 14);
  assert.ok(first <= bins[0].start && last >= bins[1].end);
  const wide = binRows([{ period: "2025-01-01", group: 1, count: 1 }, { period: "2025-03-01", group: 1, count: 1 }], "day");
  assert.deepEqual(paddedDomain(wide, "day").map((d) => d.toISOString().slice(0, 10)), ["2025-01-01", "2025-03-02"]);
});

test("a dense network keeps the strongest links, and every shown actor keeps at least one", () => {
  const nodes = Array.from({ length: 12 }, (_, i) => ({ id: `N${i}`, name: null, count: 100 - i }));
  const edges = nodes.flatMap((a, i) => nodes.slice(i + 1).map((b, j) =>
    ({ source: a.id, target: b.id, count: 50 - i - j, cooperation: 1, conflict: 0 })));
  const net = topNetwork({ nodes, edges });
  assert.equal(net.totalEdges, 66);
  assert.ok(net.edges.length <= 2 * 12 + 12 && net.edges.length >= 10);
  for (const n of net.nodes) assert.ok(net.edges.some((e) => e.source === n.id || e.target === n.id), n.id);
});

test("symmetric events read both ways", async () => {
  const { dyadLabel } = await import("../src/evidence");
  assert.equal(dyadLabel({ source: "ISRGOV", target: "SYRGOV", symmetric: false }), "ISRGOV → SYRGOV");
  assert.equal(dyadLabel({ source: "ISRGOV", target: "SYRGOV", symmetric: true }), "ISRGOV ↔ SYRGOV");
});

test("an attribution inside the evidence is flagged within the marked run", () => {
  const text = "Troops crossed the river, officials said.";
  const said = [text.indexOf("officials"), text.indexOf(" said")] as [number, number];
  const runs = highlightRuns(text, [[0, text.length]], [said]).flat();
  assert.deepEqual(runs.map((r) => [r.text, r.marked, r.attribution]),
    [["Troops crossed the river, ", true, false], ["officials", true, true], [" said.", true, false]]);
});
