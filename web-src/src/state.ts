// The dashboard's state lives in the URL query string: shareable links, and the back button restores views.

export const FILTER_KEYS = ["actor", "source", "target", "country", "type", "quad_class", "modality",
  "since", "until", "text"] as const;
export type FilterKey = typeof FILTER_KEYS[number];
export type Filters = Partial<Record<FilterKey, string>>;

export interface ViewState {
  filters: Filters;
  event: string | null;          // the event shown in the evidence panel
  article: string | null;        // an article opened from a cluster list, without a selected event
  by: "auto" | "day" | "week" | "month";
  group: "quad_class" | "type";
  sort: typeof SORTS[number];    // the event list's order (the API's sort names)
}

export const SORTS = ["-date", "date", "-published", "-confidence"] as const;

const BY = ["auto", "day", "week", "month"] as const;
const GROUP = ["quad_class", "type"] as const;

export function parseState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const by = params.get("by") as ViewState["by"];
  const group = params.get("group") as ViewState["group"];
  return {
    filters,
    event: params.get("event") || null,
    article: params.get("article") || null,
    by: BY.includes(by) ? by : "auto",
    group: GROUP.includes(group) ? group : "quad_class",
    sort: (SORTS as readonly string[]).includes(params.get("sort") ?? "") ? params.get("sort") as ViewState["sort"] : "-date",
  };
}

export function stateToSearch(state: ViewState): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  if (state.by !== "auto") params.set("by", state.by);
  if (state.group !== "quad_class") params.set("group", state.group);
  if (state.sort !== "-date") params.set("sort", state.sort);
  if (state.event) params.set("event", state.event);
  else if (state.article) params.set("article", state.article);
  const s = params.toString();
  return s ? `?${s}` : "";
}

// `navigated`: the change came from Back/Forward, not from the page itself.
type Listener = (state: ViewState, previous: ViewState, navigated: boolean) => void;

/** One store for the view state; `update` records a history entry, so Back undoes the last change. */
export class Store {
  private listeners: Listener[] = [];
  state: ViewState;

  constructor() {
    this.state = parseState(location.search);
    window.addEventListener("popstate", () => this.set(parseState(location.search), false));
  }

  subscribe(listener: Listener): void { this.listeners.push(listener); }

  update(change: Partial<ViewState>, push = true): void {
    this.set({ ...this.state, ...change }, push);
  }

  setFilters(change: Filters, push = true): void {
    const filters: Filters = { ...this.state.filters };
    for (const [key, value] of Object.entries(change) as [FilterKey, string | undefined][]) {
      if (value) filters[key] = value; else delete filters[key];
    }
    this.update({ filters }, push);
  }

  private set(next: ViewState, push: boolean): void {
    const previous = this.state;
    this.state = next;
    const search = stateToSearch(next);
    if (push && search !== location.search) history.pushState(null, "", `${location.pathname}${search}`);
    for (const listener of this.listeners) listener(next, previous, !push);
  }
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return FILTER_KEYS.every((k) => (a[k] ?? "") === (b[k] ?? ""));
}

/** The filters as API query parameters, optionally leaving some out (the timeline shows every date). */
export function filterQuery(filters: Filters, omit: FilterKey[] = []): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value && !omit.includes(key)) query[key] = value;
  }
  return query;
}
