// Typed client for the eventwire REST API (eventwire/api). Every list endpoint takes the store's filter names.

export interface Location { name: string; country: string | null; lat: number | null; lon: number | null }

export interface EventRow {
  id: string | number;
  article_id: string;
  cluster_id: string | number | null;
  story_id: string | number | null;
  type: string;
  mode: string | null;
  source: string;
  target: string;
  source_text: string | null;
  target_text: string | null;
  date: string | null;
  location: Location | null;
  attribution: string | null;
  attribution_span?: [number, number] | null;   // where the attribution's words are in the article text
  modality: string;
  symmetric?: boolean;           // meetings, clashes: the order of source and target carries no meaning
  quad_class: number | null;
  cameo: string | null;
  intensity: number | null;
  confidence: number | null;
  evidence: string;
  evidence_spans: [number, number][];
  published: string | null;
  article_title: string | null;
  article_source: string | null;
}

export interface ArticleSummary {
  id: string; source: string; url: string | null; title: string | null; published: string | null;
  language: string | null; n_events?: number; story_id?: string | number | null;
}

export interface ArticleDetail extends ArticleSummary {
  text: string;
  actors: unknown[]; places: unknown[]; times: unknown[];
  events: EventRow[];
  story_articles?: ArticleSummary[];
}

export interface Cluster {
  id: string | number; type: string; source: string; target: string; date: string | null;
  location: Location | null; first_seen: string | null; last_seen: string | null;
  n_mentions: number; n_articles: number; n_sources: number;
  events?: EventRow[]; articles?: ArticleSummary[];
}

export interface Page<T> { total: number; items: T[] }
export interface Stats { articles?: number; events?: number; clusters?: number; failures?: number;[k: string]: unknown }
export interface Actor { code: string; name: string | null; n_events: number }
export interface PlaceRow { name: string; country: string | null; lat: number | null; lon: number | null; n_events: number }
export interface TimelineRow { period: string; group: string | number | null; count: number }
export interface NetworkNode { id: string; name: string | null; count: number }
export interface NetworkEdge { source: string; target: string; count: number; cooperation: number; conflict: number }
export interface Network { nodes: NetworkNode[]; edges: NetworkEdge[] }
export interface MapPoint {
  lat: number; lon: number; name: string; country: string | null; count: number; n_articles: number;
  quad_class: number | null; event_ids: (string | number)[];
}

/** A failed call: the HTTP status and the API's structured error message when it sent one. */
export class ApiError extends Error {
  constructor(public status: number, message: string, public code?: string) { super(message); }
}

export type Query = Record<string, string | number | undefined | null>;

function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

async function errorOf(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  let code: string | undefined;
  try {
    const body = await response.json();
    const err = body?.error ?? body;
    if (typeof err?.message === "string") message = err.message;
    else if (typeof body?.detail === "string") message = body.detail;
    else if (Array.isArray(body?.detail)) message = body.detail.map((d: { msg?: string }) => d.msg).join("; ");
    code = err?.code;
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(response.status, message, code);
}

export const KEY_STORAGE = "eventwire.apiKey";

async function get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  // A private corpus needs the key for reads too; the one given in the ingest box is reused.
  const key = sessionStorage.getItem(KEY_STORAGE);
  const headers: Record<string, string> = { Accept: "application/json", ...(key ? { "X-API-Key": key } : {}) };
  const response = await fetch(`api/${path}${queryString(query)}`, { signal, headers });
  if (!response.ok) throw await errorOf(response);
  return response.json() as Promise<T>;
}

export const api = {
  health: (signal?: AbortSignal) => get<{ status: string; version?: string }>("health", undefined, signal),
  stats: (signal?: AbortSignal) => get<Stats>("stats", undefined, signal),
  events: (q: Query, signal?: AbortSignal) => get<Page<EventRow>>("events", q, signal),
  event: (id: string | number, signal?: AbortSignal) => get<EventRow>(`events/${encodeURIComponent(id)}`, undefined, signal),
  article: (id: string, signal?: AbortSignal) => get<ArticleDetail>(`articles/${encodeURIComponent(id)}`, undefined, signal),
  cluster: (id: string | number, signal?: AbortSignal) => get<Cluster>(`clusters/${encodeURIComponent(id)}`, undefined, signal),
  actors: (signal?: AbortSignal) => get<Actor[]>("actors", undefined, signal),
  places: (signal?: AbortSignal) => get<PlaceRow[]>("places", undefined, signal),
  timeline: (q: Query, signal?: AbortSignal) => get<TimelineRow[]>("aggregates/timeline", q, signal),
  network: (q: Query, signal?: AbortSignal) => get<Network>("aggregates/network", q, signal),
  map: (q: Query, signal?: AbortSignal) => get<MapPoint[]>("aggregates/map", q, signal),

  /** POST /api/articles: codes a URL or pasted text; the API key goes in X-API-Key. */
  async ingest(body: { url?: string; text?: string; html?: string; source?: string; retrieved?: string },
               apiKey: string): Promise<ArticleDetail> {
    const response = await fetch("api/articles", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-API-Key": apiKey },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await errorOf(response);
    return response.json() as Promise<ArticleDetail>;
  },
};

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}
