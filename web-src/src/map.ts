// Map: events per place over the shipped Natural Earth boundaries, grouped into clusters on screen.
import { geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { select, type Selection } from "d3-selection";
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { FeatureCollection, Geometry } from "geojson";
import type { MapPoint } from "./api";
import { quadColor, quadLabel } from "./codes";

type CountryFeature = FeatureCollection<Geometry, { name: string }>["features"][number];

export interface MapHandlers {
  onPoints(points: MapPoint[], label: string): void;
  onCountry(code: string | null): void;
}

interface Bubble { x: number; y: number; r: number; members: MapPoint[]; articles: number; events: number; quad: number | null }

const MERGE_PX = 16;     // bubbles closer than this on screen are drawn as one cluster
const MIN_R = 4;
const MAX_R = 24;

const SMALL_CORPUS = 25;   // below this many articles at the busiest place, sizes stay absolute

/** Radius by articles (area ∝ articles), relative to the busiest place on the map, so bubbles stay readable
 *  from ten articles to ten thousand; a small corpus keeps small bubbles instead of inflating one article. */
export function bubbleRadius(articles: number, maxArticles: number): number {
  const share = Math.sqrt(Math.max(1, articles) / Math.max(SMALL_CORPUS, maxArticles, articles));
  return MIN_R + (MAX_R - MIN_R) * share;
}

/** Greedy screen-space clustering: the biggest places first; a place joins a bubble it would overlap by more
 *  than a third (or that lies within MERGE_PX), so crowded regions read as one cluster until zoomed. */
export function clusterPoints(points: { x: number; y: number; p: MapPoint }[], mergePx = MERGE_PX): Bubble[] {
  const bubbles: Bubble[] = [];
  const maxArticles = Math.max(1, ...points.map((q) => q.p.n_articles));
  const sorted = [...points].sort((a, b) => b.p.n_articles - a.p.n_articles || b.p.count - a.p.count);
  for (const { x, y, p } of sorted) {
    const r = bubbleRadius(p.n_articles, maxArticles);
    const near = bubbles.find((b) => Math.hypot(b.x - x, b.y - y) < Math.max(mergePx, (b.r + r) * 0.67));
    if (near) {
      near.members.push(p); near.articles += p.n_articles; near.events += p.count;
      near.r = Math.min(MAX_R + 4, bubbleRadius(near.articles, maxArticles));
    } else {
      bubbles.push({ x, y, r, members: [p], articles: p.n_articles, events: p.count, quad: null });
    }
  }
  for (const b of bubbles) {
    const byQuad = new Map<number, number>();
    for (const m of b.members) if (m.quad_class != null) byQuad.set(m.quad_class, (byQuad.get(m.quad_class) ?? 0) + m.count);
    b.quad = [...byQuad.entries()].sort((a, c) => c[1] - a[1])[0]?.[0] ?? null;
  }
  return bubbles;
}

export class MapView {
  private svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private land: Selection<SVGGElement, unknown, null, undefined>;
  private dots: Selection<SVGGElement, unknown, null, undefined>;
  private countries: CountryFeature[] = [];
  private points: MapPoint[] = [];
  private selectedCountry: string | null = null;
  private transform: ZoomTransform = zoomIdentity;
  private zoomer: ZoomBehavior<SVGSVGElement, unknown>;
  private projection = geoNaturalEarth1();
  private width = 0;
  private height = 0;

  constructor(private host: HTMLElement, private handlers: MapHandlers) {
    this.svg = select(host).append("svg").attr("class", "map-svg").attr("role", "group")
      .attr("aria-label", "Map of event locations; select a bubble to read its events, a country to filter by it");
    this.land = this.svg.append("g").attr("class", "land");
    this.dots = this.svg.append("g").attr("class", "dots");
    this.zoomer = zoom<SVGSVGElement, unknown>().scaleExtent([1, 16])
      .on("zoom", (event) => { this.transform = event.transform; this.applyTransform(); });
    this.svg.call(this.zoomer).on("dblclick.zoom", null);
    new ResizeObserver(() => this.resize()).observe(host);
    this.resize();
  }

  async loadBoundaries(url: string): Promise<void> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const topo = (await response.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    this.countries = (feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>).features;
    this.renderLand();
  }

  countryNames(): Map<string, string> {
    return new Map(this.countries.map((c) => [String(c.id), c.properties.name]));
  }

  update(points: MapPoint[], selectedCountry: string | null): void {
    this.points = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
    this.selectedCountry = selectedCountry;
    this.renderLand();
    this.renderDots();
  }

  zoomBy(factor: number): void { this.svg.call(this.zoomer.scaleBy, factor); }
  resetZoom(): void { this.svg.call(this.zoomer.transform, zoomIdentity); }

  /** Zooms to the drawn places (the whole world when they are spread over it). */
  fitToPoints(): void {
    const xy = this.points.map((p) => this.projection([p.lon, p.lat])).filter((q): q is [number, number] => !!q);
    if (!xy.length) { this.resetZoom(); return; }
    const xs = xy.map((q) => q[0]), ys = xy.map((q) => q[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = 40;   // room for the bubbles themselves
    // A single place gets a regional view (k = 6), not a street-level one.
    const k = Math.max(1, Math.min(6, (this.width - 2 * pad) / Math.max(1, x1 - x0), (this.height - 2 * pad) / Math.max(1, y1 - y0)));
    const t = zoomIdentity.translate(this.width / 2, this.height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    this.svg.call(this.zoomer.transform, t);
  }

  private resize(): void {
    const { width, height } = this.host.getBoundingClientRect();
    if (width < 10 || height < 10 || (width === this.width && height === this.height)) return;
    this.width = width; this.height = height;
    this.svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
    // Fit the world without Antarctica, which holds no news and takes a fifth of the height.
    this.projection.fitExtent([[4, 4], [width - 4, height - 4]],
      { type: "Sphere" } as GeoPermissibleObjects);
    this.projection.fitExtent([[4, 4], [width - 4, height - 4]], {
      type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[-179, -58], [179, -58], [179, 84], [-179, 84], [-179, -58]]] },
    } as GeoPermissibleObjects);
    this.zoomer.extent([[0, 0], [width, height]]).translateExtent([[0, 0], [width, height]]);
    this.renderLand();
    this.renderDots();
  }

  private renderLand(): void {
    if (!this.width) return;
    const path = geoPath(this.projection);
    const active = new Set(this.points.map((p) => p.country).filter(Boolean));
    this.land.selectAll<SVGPathElement, CountryFeature>("path.country")
      .data(this.countries, (d) => String(d.id))
      .join((enter) => enter.append("path").attr("class", "country")
        .on("click", (_, d) => this.handlers.onCountry(String(d.id) === this.selectedCountry ? null : String(d.id)))
        .call((p) => p.append("title")))
      .attr("d", (d) => path(d) ?? "")
      .attr("data-country", (d) => String(d.id))
      .classed("has-events", (d) => active.has(String(d.id)))
      .classed("selected", (d) => String(d.id) === this.selectedCountry)
      .select("title").text((d) => `${d.properties.name}${active.has(String(d.id)) ? " (has events)" : ""}`);
  }

  private applyTransform(): void {
    this.land.attr("transform", this.transform.toString());
    this.renderDots();
  }

  private renderDots(): void {
    if (!this.width) return;
    const placed = this.points.flatMap((p) => {
      const xy = this.projection([p.lon, p.lat]);
      if (!xy) return [];
      const [x, y] = this.transform.apply(xy);
      return [{ x, y, p }];
    });
    const bubbles = clusterPoints(placed);
    const open = (b: Bubble) => {
      const label = b.members.length === 1 ? b.members[0].name : `${b.members.length} places near ${b.members[0].name}`;
      this.handlers.onPoints(b.members, label);
    };
    const groups = this.dots.selectAll<SVGGElement, Bubble>("g.bubble")
      .data(bubbles, (b) => b.members.map((m) => `${m.lat},${m.lon}`).join("|"))
      .join((enter) => {
        const g = enter.append("g").attr("class", "bubble").attr("tabindex", 0).attr("role", "button");
        g.append("circle");
        g.append("text").attr("class", "bubble-count").attr("dy", "0.35em");
        g.append("title");
        return g;
      })
      .attr("transform", (b) => `translate(${b.x},${b.y})`)
      .attr("data-places", (b) => b.members.map((m) => m.name).join("|"))
      .attr("data-articles", (b) => b.articles)
      .attr("aria-label", (b) => `${b.members.map((m) => m.name).join(", ")}: ${b.events} events in ${b.articles} articles, mostly ${quadLabel(b.quad).toLowerCase()}`)
      .on("click", (_, b) => open(b))
      .on("keydown", (event: KeyboardEvent, b) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(b); }
      });
    groups.select("circle")
      .attr("r", (b) => b.r)
      .attr("fill", (b) => quadColor(b.quad))
      .classed("cluster", (b) => b.members.length > 1);
    groups.select<SVGTextElement>("text.bubble-count")
      .text((b) => (b.members.length > 1 || b.events > 1 ? String(b.events) : ""));
    groups.select("title").text((b) => `${b.members.map((m) => m.name).join(", ")} — ${b.events} events, ${b.articles} articles`);
  }
}
