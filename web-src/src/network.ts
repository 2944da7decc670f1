// Actor network: actors as nodes sized by events, dyads as edges weighted by events and coloured
// from cooperation (blue) to conflict (red).
import { drag } from "d3-drag";
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY,
  type Simulation, type SimulationLinkDatum, type SimulationNodeDatum } from "d3-force";
import { scaleLinear, scaleSqrt } from "d3-scale";
import { select, type Selection } from "d3-selection";
import type { Network, NetworkEdge, NetworkNode } from "./api";
import { conflictShare } from "./codes";

interface Node extends SimulationNodeDatum, NetworkNode {}
interface Link extends SimulationLinkDatum<Node> { edge: NetworkEdge }

export interface NetworkHandlers {
  onEdge(edge: NetworkEdge): void;
  onNode(code: string): void;
}

const MAX_NODES = 40;       // beyond this the graph is a hairball; the busiest actors carry the story
const EDGES_PER_NODE = 2;   // ... and the strongest links between them, about two per actor
const LABELLED = 24;        // the busiest actors are named on the graph; the others on hover and focus
const edgeColor = scaleLinear<string>().domain([0, 0.5, 1]).range(["#0072B2", "#9a9a9a", "#D55E00"]);

export interface ShownNetwork extends Network { totalNodes: number; totalEdges: number }

/** The busiest actors and the strongest edges between them (every actor keeps its strongest edge). */
export function topNetwork(net: Network, limit = MAX_NODES): ShownNetwork {
  const nodes = [...net.nodes].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)).slice(0, limit);
  const keep = new Set(nodes.map((n) => n.id));
  const candidates = net.edges.filter((e) => keep.has(e.source) && keep.has(e.target) && e.source !== e.target)
    .sort((a, b) => b.count - a.count);
  const chosen = new Set(candidates.slice(0, Math.max(10, EDGES_PER_NODE * nodes.length)));
  for (const node of nodes) {
    const strongest = candidates.find((e) => e.source === node.id || e.target === node.id);
    if (strongest) chosen.add(strongest);
  }
  return { nodes, edges: candidates.filter((e) => chosen.has(e)), totalNodes: net.nodes.length,
           totalEdges: net.edges.filter((e) => e.source !== e.target).length };
}

export class NetworkView {
  private svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private linkLayer: Selection<SVGGElement, unknown, null, undefined>;
  private nodeLayer: Selection<SVGGElement, unknown, null, undefined>;
  private labelLayer: Selection<SVGGElement, unknown, null, undefined>;
  private simulation: Simulation<Node, Link> | null = null;
  private positions = new Map<string, { x: number; y: number }>();
  private width = 0;
  private height = 0;
  private data: ShownNetwork = { nodes: [], edges: [], totalNodes: 0, totalEdges: 0 };
  private actor: string | null = null;

  constructor(private host: HTMLElement, private handlers: NetworkHandlers) {
    this.svg = select(host).append("svg").attr("class", "network-svg").attr("role", "group")
      .attr("aria-label", "Actor network: select an actor to filter by it, a link to read the events between two actors");
    const defs = this.svg.append("defs");
    for (const [id, color] of [["arrow-coop", "#0072B2"], ["arrow-mixed", "#9a9a9a"], ["arrow-conflict", "#D55E00"]]) {
      // Fixed-size heads: the default (scaled by stroke width) makes heavy edges end in huge arrows.
      defs.append("marker").attr("id", id).attr("viewBox", "0 -4 8 8").attr("refX", 8).attr("refY", 0)
        .attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 9).attr("markerHeight", 9).attr("orient", "auto")
        .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", color);
    }
    this.linkLayer = this.svg.append("g").attr("class", "links");
    this.nodeLayer = this.svg.append("g").attr("class", "nodes");
    this.labelLayer = this.svg.append("g").attr("class", "labels").attr("aria-hidden", "true");   // above every node
    new ResizeObserver(() => this.resize()).observe(host);
    this.resize();
  }

  /** Draws the network; returns what was drawn out of how much. */
  update(net: Network, actor: string | null): ShownNetwork {
    this.data = topNetwork(net);
    this.actor = actor;
    this.render();
    return this.data;
  }

  private resize(): void {
    const { width, height } = this.host.getBoundingClientRect();
    if (width < 10 || height < 10 || (width === this.width && height === this.height)) return;
    this.width = width; this.height = height;
    this.svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
    this.render();
  }

  private render(): void {
    if (!this.width) return;
    this.simulation?.stop();
    const { width, height } = this;
    const nodes: Node[] = this.data.nodes.map((n) => ({ ...n, ...(this.positions.get(n.id) ?? {}) }));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const links: Link[] = this.data.edges.map((e) => ({ source: byId.get(e.source)!, target: byId.get(e.target)!, edge: e }));
    const counts = nodes.map((n) => n.count);
    // Sized between the least and the busiest actor shown, so differences show even when all are busy.
    const radius = scaleSqrt().domain([counts.length ? Math.min(...counts) - 1 : 0, Math.max(1, ...counts)]).range([4, Math.min(16, width / 24)]);
    const stroke = scaleSqrt().domain([0, Math.max(1, ...links.map((l) => l.edge.count))]).range([1.2, 5]);

    const linkSel = this.linkLayer.selectAll<SVGLineElement, Link>("line.link")
      .data(links, (l) => `${l.edge.source}>${l.edge.target}`)
      .join((enter) => enter.append("line").attr("class", "link").attr("tabindex", 0).attr("role", "button")
        .call((line) => line.append("title")))
      .attr("data-source", (l) => l.edge.source)
      .attr("data-target", (l) => l.edge.target)
      .attr("stroke", (l) => edgeColor(conflictShare(l.edge.cooperation, l.edge.conflict)))
      .attr("stroke-width", (l) => stroke(l.edge.count))
      .attr("marker-end", (l) => {
        const share = conflictShare(l.edge.cooperation, l.edge.conflict);
        return `url(#arrow-${share < 0.34 ? "coop" : share > 0.66 ? "conflict" : "mixed"})`;
      })
      .attr("aria-label", (l) => `${l.edge.source} to ${l.edge.target}: ${l.edge.count} events, ${l.edge.cooperation} cooperative, ${l.edge.conflict} conflictual`)
      .on("click", (_, l) => this.handlers.onEdge(l.edge))
      .on("keydown", (event: KeyboardEvent, l) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); this.handlers.onEdge(l.edge); }
      });
    linkSel.select("title").text((l) => `${l.edge.source} → ${l.edge.target}: ${l.edge.count} events (${l.edge.cooperation} cooperation, ${l.edge.conflict} conflict)`);

    const nodeSel = this.nodeLayer.selectAll<SVGGElement, Node>("g.node")
      .data(nodes, (n) => n.id)
      .join((enter) => {
        const g = enter.append("g").attr("class", "node").attr("tabindex", 0).attr("role", "button");
        g.append("circle");
        g.append("title");
        return g;
      })
      .attr("data-id", (n) => n.id)
      .classed("selected", (n) => n.id === this.actor)
      .attr("aria-label", (n) => `${n.name ?? n.id} (${n.id}): ${n.count} events`)
      .on("click", (event: MouseEvent, n) => { if (!event.defaultPrevented) this.handlers.onNode(n.id); })
      .on("keydown", (event: KeyboardEvent, n) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); this.handlers.onNode(n.id); }
      });
    nodeSel.select("circle").attr("r", (n) => radius(n.count));
    const named = new Set(nodes.slice(0, LABELLED).map((n) => n.id));
    if (this.actor) named.add(this.actor);
    nodeSel.classed("named", (n) => named.has(n.id));
    const labelSel = this.labelLayer.selectAll<SVGTextElement, Node>("text.node-label")
      .data(nodes.filter((n) => named.has(n.id)), (n) => n.id)
      .join("text").attr("class", "node-label").attr("dy", "0.32em")
      .attr("data-id", (n) => n.id).text((n) => n.id);
    nodeSel.select("title").text((n) => `${n.name ?? n.id} (${n.id}) — ${n.count} events`);

    // The room each actor has: repulsion and link length follow it, so a big graph fills the box, not its edges.
    const spacing = Math.sqrt((width * height) / Math.max(1, nodes.length));
    const simulation = forceSimulation<Node, Link>(nodes)
      .force("link", forceLink<Node, Link>(links).distance((l) => spacing * 0.45 + radius((l.source as Node).count) + radius((l.target as Node).count)).strength(0.3))
      .force("charge", forceManyBody().strength(-Math.min(160, spacing * 1.6)))
      .force("center", forceCenter(width / 2, height / 2))
      .force("x", forceX(width / 2).strength(0.06))
      .force("y", forceY(height / 2).strength(0.09))
      // Labels sit right of their node: a wider collision radius keeps them off the neighbours.
      .force("collide", forceCollide<Node>().radius((n) => radius(n.count) + Math.min(24, spacing / 4)));
    const clampX = (v: number) => Math.max(14, Math.min(width - 60, v));
    const clampY = (v: number) => Math.max(14, Math.min(height - 14, v));
    const ticked = () => {
      for (const n of nodes) { n.x = clampX(n.x ?? width / 2); n.y = clampY(n.y ?? height / 2); }
      linkSel.each(function (l) {
        const s = l.source as Node, t = l.target as Node;
        const dx = t.x! - s.x!, dy = t.y! - s.y!, len = Math.hypot(dx, dy) || 1;
        const rt = radius(t.count) + 2;   // stop at the target's rim so the arrow head shows
        select(this).attr("x1", s.x!).attr("y1", s.y!).attr("x2", t.x! - (dx / len) * rt).attr("y2", t.y! - (dy / len) * rt);
      });
      nodeSel.attr("transform", (n) => `translate(${n.x},${n.y})`);
      labelSel.attr("x", (n) => n.x! + radius(n.count) + 3).attr("y", (n) => n.y!);
      for (const n of nodes) this.positions.set(n.id, { x: n.x!, y: n.y! });
    };
    // Settle most of the layout before the first paint, then let it relax visibly.
    simulation.stop();
    for (let i = 0; i < 120; i++) simulation.tick();
    ticked();
    simulation.on("tick", ticked);
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      for (let i = 0; i < 200; i++) simulation.tick();   // no drifting: draw the settled layout at once
      ticked();
    } else {
      simulation.alpha(0.1).restart();
    }
    nodeSel.call(drag<SVGGElement, Node>()
      .on("start", (event, n) => { if (!event.active) simulation.alphaTarget(0.2).restart(); n.fx = n.x; n.fy = n.y; })
      .on("drag", (event, n) => { n.fx = clampX(event.x); n.fy = clampY(event.y); })
      .on("end", (event, n) => { if (!event.active) simulation.alphaTarget(0); n.fx = null; n.fy = null; }));
    this.simulation = simulation;
  }
}
