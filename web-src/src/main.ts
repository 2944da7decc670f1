// Wires the dashboard: one URL-backed state; every view re-fetches its aggregate when the filters change.
import "./style.css";
import { api, ApiError, isAbort, type EventRow, type MapPoint, type NetworkEdge } from "./api";
import { QUAD_CLASSES } from "./codes";
import { byId, h, plural } from "./dom";
import { EventsTable } from "./events_table";
import { EvidencePanel } from "./evidence";
import { FilterBar } from "./filters";
import { setupIngest } from "./ingest";
import { MapView } from "./map";
import { NetworkView } from "./network";
import { filterQuery, sameFilters, Store, type ViewState } from "./state";
import { TimelineView } from "./timeline";

const PAGE = 50;
const SET_LIMIT = 40;   // events fetched for one map bubble or network link

const store = new Store();
const banner = byId("banner");
let viewsController: AbortController | null = null;

function showProblem(message: string | null): void {
  banner.hidden = !message;
  banner.textContent = message ?? "";
}

function problem(what: string) {
  return (err: unknown) => {
    if (isAbort(err)) return;
    if (err instanceof ApiError && err.status === 401) {
      showProblem("This server needs an API key to read its corpus: enter it under “Add article”, then reload.");
    } else {
      showProblem(`${what} could not be loaded: ${(err as Error).message}`);
    }
  };
}

const filterBar = new FilterBar(
  (change) => store.setFilters(change),
  () => store.update({ filters: {} }),
);

window.addEventListener("popstate", () => filterBar.cancelPending());

const evidence = new EvidencePanel(byId("evidence"), byId("evidence-body"), {
  selectEvent: (id) => store.update({ event: id, article: null }),
  selectArticle: (id) => store.update({ event: null, article: id }),
});
byId("close-evidence").addEventListener("click", () => store.update({ event: null, article: null }));
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !byId("evidence").hidden && !byId<HTMLDialogElement>("ingest-dialog").open) {
    store.update({ event: null, article: null });
  }
});

async function openSet(title: string, load: Promise<EventRow[]>): Promise<void> {
  try {
    const events = await load;
    if (!events.length) return;
    evidence.showSet(title, events);
    store.update({ event: String(events[0].id), article: null });
  } catch (err) { problem(title)(err); }
}

const map = new MapView(byId("map"), {
  onPoints: (points: MapPoint[], label: string) => {
    const ids = points.flatMap((p) => p.event_ids).slice(0, SET_LIMIT);
    void openSet(`Events at ${label}`, Promise.all(ids.map((id) => api.event(id))));
  },
  onCountry: (code) => store.setFilters({ country: code ?? "" }),
});
byId("zoom-in").addEventListener("click", () => map.zoomBy(2));
byId("zoom-out").addEventListener("click", () => map.zoomBy(0.5));
byId("zoom-reset").addEventListener("click", () => map.resetZoom());
byId("zoom-fit").addEventListener("click", () => map.fitToPoints());

const timeline = new TimelineView(byId("timeline"), byId("timeline-legend"), byId("timeline-note"), {
  onRange: (since, until) => store.setFilters({ since: since ?? "", until: until ?? "" }),
});
const sortSelect = byId<HTMLSelectElement>("events-sort");
sortSelect.addEventListener("change", () => store.update({ sort: sortSelect.value as ViewState["sort"] }));
const bySelect = byId<HTMLSelectElement>("timeline-by");
const groupSelect = byId<HTMLSelectElement>("timeline-group");
bySelect.addEventListener("change", () => store.update({ by: bySelect.value as ViewState["by"] }));
groupSelect.addEventListener("change", () => store.update({ group: groupSelect.value as ViewState["group"] }));

const network = new NetworkView(byId("network"), {
  onEdge: (edge: NetworkEdge) => {
    const query = { ...filterQuery(store.state.filters), source: edge.source, target: edge.target, limit: SET_LIMIT };
    void openSet(`${edge.source} → ${edge.target}`, api.events(query).then((page) => page.items));
  },
  onNode: (code) => store.setFilters({ actor: store.state.filters.actor === code ? "" : code }),
});

const table = new EventsTable(byId<HTMLTableSectionElement>("events-body"), byId("events-caption"),
  byId<HTMLButtonElement>("events-more"), {
    select: (id) => { evidence.clearSet(); store.update({ event: id, article: null }); },
    more: () => {
      api.events({ ...filterQuery(store.state.filters), sort: store.state.sort, limit: PAGE, offset: table.length })
        .then((page) => table.set(page.items, page.total, true)).catch(problem("More events"));
    },
  });

setupIngest({
  coded: () => { loadStats(); loadLookups(); refreshViews(store.state); },
  selectEvent: (id) => store.update({ event: id, article: null }),
});

function refreshViews(state: ViewState): void {
  viewsController?.abort();
  viewsController = new AbortController();
  const signal = viewsController.signal;
  const query = filterQuery(state.filters);
  const views = byId("views");
  views.setAttribute("aria-busy", "true");
  showProblem(null);
  const jobs = [
    api.map(query, signal).then((points) => {
      map.update(points, state.filters.country ?? null);
      byId("map-summary").textContent = `${plural(points.length, "place")}, ${plural(points.reduce((n, p) => n + p.count, 0), "event")}`;
    }).catch(problem("The map")),
    // The timeline shows every date so the brushed range can be widened again.
    api.timeline({ ...filterQuery(state.filters, ["since", "until"]), by: "day", group: state.group }, signal)
      .then((rows) => {
        timeline.update(rows, state.group, state.by, state.filters.since ?? null, state.filters.until ?? null);
        byId("timeline-summary").textContent = `by ${timeline.granularity()}`;
      }).catch(problem("The timeline")),
    api.network(query, signal).then((net) => {
      const shown = network.update(net, state.filters.actor ?? null);
      byId("network-summary").textContent = shown.nodes.length < shown.totalNodes || shown.edges.length < shown.totalEdges
        ? `busiest ${shown.nodes.length} of ${plural(shown.totalNodes, "actor")}, strongest ${shown.edges.length} of ${plural(shown.totalEdges, "link")}`
        : `${plural(shown.nodes.length, "actor")}, ${plural(shown.edges.length, "link")}`;
    }).catch(problem("The actor network")),
    loadEvents(state, signal),
  ];
  void Promise.allSettled(jobs).then(() => { if (!signal.aborted) views.setAttribute("aria-busy", "false"); });
}

let eventsController: AbortController | null = null;
function loadEvents(state: ViewState, signal?: AbortSignal): Promise<void> {
  if (!signal) {   // a new order alone: only the list reloads
    eventsController?.abort();
    eventsController = new AbortController();
    signal = eventsController.signal;
  }
  return api.events({ ...filterQuery(state.filters), sort: state.sort, limit: PAGE }, signal)
    .then((page) => { table.set(page.items, page.total); table.select(store.state.event); })
    .catch(problem("The event list"));
}

function showSelection(state: ViewState): void {
  table.select(state.event);
  if (state.event) void evidence.showEvent(state.event);
  else if (state.article) void evidence.showArticle(state.article);
  else evidence.hide();
}

function loadStats(): void {
  api.stats().then((stats) => {
    const parts = (["articles", "events", "clusters", "failures"] as const)
      .filter((k) => typeof stats[k] === "number")
      .map((k) => h("span", { class: "stat", "data-stat": k }, h("strong", {}, (stats[k] as number).toLocaleString("en")), ` ${k}`));
    byId("stats").replaceChildren(...parts);
  }).catch(problem("Corpus counts"));
}

let countryNames = new Map<string, string>();
function loadLookups(): void {
  api.actors().then((actors) => filterBar.setActors(actors)).catch(problem("The actor list"));
  api.places().then((places) => filterBar.setCountries(places, countryNames)).catch(problem("The place list"));
}

function syncControls(state: ViewState, navigated = false): void {
  filterBar.show(state.filters, navigated);
  bySelect.value = state.by;
  groupSelect.value = state.group;
  sortSelect.value = state.sort;
}

store.subscribe((state, previous, navigated) => {
  syncControls(state, navigated);
  if (!sameFilters(state.filters, previous.filters) || state.group !== previous.group) refreshViews(state);
  else if (state.by !== previous.by) {
    timeline.setGranularity(state.by);
    byId("timeline-summary").textContent = `by ${timeline.granularity()}`;
  }
  if (state.sort !== previous.sort && sameFilters(state.filters, previous.filters)) void loadEvents(state);
  if (state.event !== previous.event || state.article !== previous.article) showSelection(state);
});

byId("quad-legend").replaceChildren(...Object.values(QUAD_CLASSES).map((q) =>
  h("li", {}, h("span", { class: "swatch", style: `background:${q.color}`, "aria-hidden": "true" }), q.label)));

syncControls(store.state);
refreshViews(store.state);
showSelection(store.state);
loadStats();
map.loadBoundaries("countries-110m.json")
  .then(() => { countryNames = map.countryNames(); loadLookups(); })
  .catch((err) => { showProblem(`Country boundaries could not be loaded: ${(err as Error).message}`); loadLookups(); });
api.health().then((h) => { byId("version").textContent = h.version ? `eventwire ${h.version}` : "eventwire"; })
  .catch(problem("The API"));
