// Evidence panel: an event's fields, the article text with its evidence marked, and the other articles
// that report the same event (its cluster) or the same story.
import { api, isAbort, type ArticleDetail, type ArticleSummary, type Cluster, type EventRow } from "./api";
import { quadColor, quadLabel } from "./codes";
import { formatDate, h, plural } from "./dom";
import { highlightedText } from "./highlight";

export interface EvidenceHandlers {
  selectEvent(id: string): void;
  selectArticle(id: string): void;
}

export function actorLabel(code: string, text: string | null): string {
  return text && text !== code ? `${text} (${code})` : code || "—";
}

/** "A → B", or "A ↔ B" for a symmetric event. */
export function dyadLabel(ev: Pick<EventRow, "source" | "target" | "symmetric">): string {
  return `${ev.source || "—"} ${ev.symmetric ? "↔" : "→"} ${ev.target || "—"}`;
}

export function locationLabel(ev: Pick<EventRow, "location">): string {
  const loc = ev.location;
  if (!loc) return "—";
  return [loc.name, loc.country].filter(Boolean).join(", ");
}

export function typeBadge(ev: Pick<EventRow, "type" | "quad_class" | "mode">): HTMLElement {
  return h("span", { class: "type-badge", style: `--quad:${quadColor(ev.quad_class)}`, title: quadLabel(ev.quad_class) },
    ev.type, ev.mode ? h("span", { class: "mode" }, ` · ${ev.mode}`) : null);
}

export class EvidencePanel {
  private controller: AbortController | null = null;
  private setTitle = "";
  private setEvents: EventRow[] = [];

  constructor(private root: HTMLElement, private body: HTMLElement, private handlers: EvidenceHandlers) {}

  /** A list of events to choose from (a map bubble, a network link); the first is opened by the caller. */
  showSet(title: string, events: EventRow[]): void {
    this.setTitle = title;
    this.setEvents = events;
  }

  clearSet(): void { this.setTitle = ""; this.setEvents = []; }

  hide(): void {
    this.controller?.abort();
    this.root.hidden = true;
    this.body.replaceChildren();
    document.body.classList.remove("evidence-open");
  }

  async showEvent(id: string): Promise<void> {
    const signal = this.begin();
    try {
      const event = await api.event(id, signal);
      const [article, cluster] = await Promise.all([
        api.article(event.article_id, signal),
        event.cluster_id != null ? api.cluster(event.cluster_id, signal).catch(() => null) : Promise.resolve(null),
      ]);
      if (!this.setEvents.some((e) => String(e.id) === String(event.id))) this.clearSet();
      this.body.replaceChildren(...[this.renderSet(String(event.id)), this.renderEvent(event),
        this.renderArticle(article, event.evidence_spans, event), this.renderCluster(cluster, article, event)]
        .filter((n): n is HTMLElement => n !== null));
      this.reveal();
    } catch (err) {
      if (!isAbort(err)) this.fail(`Event ${id} could not be loaded: ${(err as Error).message}`);
    }
  }

  async showArticle(id: string): Promise<void> {
    const signal = this.begin();
    try {
      const article = await api.article(id, signal);
      this.clearSet();
      const spans = article.events.flatMap((e) => e.evidence_spans ?? []);
      this.body.replaceChildren(this.renderArticle(article, spans, null), this.renderArticleEvents(article));
      this.reveal();
    } catch (err) {
      if (!isAbort(err)) this.fail(`Article ${id} could not be loaded: ${(err as Error).message}`);
    }
  }

  private begin(): AbortSignal {
    this.controller?.abort();
    this.controller = new AbortController();
    this.root.hidden = false;
    this.root.setAttribute("aria-busy", "true");
    document.body.classList.add("evidence-open");
    return this.controller.signal;
  }

  private reveal(): void {
    this.root.setAttribute("aria-busy", "false");
    // Keyboard and screen-reader users land in the panel they just opened (it overlays the page).
    if (!this.root.contains(document.activeElement)) this.root.querySelector<HTMLElement>("h2")?.focus({ preventScroll: true });
    this.body.scrollTop = 0;
    // Bring the first highlighted sentence into view inside the article box, not the whole page.
    const mark = this.body.querySelector<HTMLElement>("mark.evidence");
    const box = this.body.querySelector<HTMLElement>(".article-text");
    if (mark && box) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40);
    if (window.matchMedia("(max-width: 900px)").matches) this.root.scrollIntoView({ block: "start" });
  }

  private fail(message: string): void {
    this.root.setAttribute("aria-busy", "false");
    this.body.replaceChildren(h("p", { class: "error", role: "alert" }, message));
  }

  private renderSet(current: string): HTMLElement | null {
    if (this.setEvents.length < 2) return null;
    const list = h("ol", { class: "event-set-list" });
    for (const ev of this.setEvents) {
      const selected = String(ev.id) === current;
      const button = h("button", { type: "button", class: "link-button", "aria-current": selected ? "true" : undefined },
        typeBadge(ev), ` ${dyadLabel(ev)} · ${formatDate(ev.date)}`);
      button.addEventListener("click", () => this.handlers.selectEvent(String(ev.id)));
      list.append(h("li", {}, button));
    }
    return h("section", { class: "event-set", "aria-label": this.setTitle },
      h("h3", {}, `${this.setTitle} — ${plural(this.setEvents.length, "event")}`), list);
  }

  private renderEvent(ev: EventRow): HTMLElement {
    const row = (label: string, value: Node | string) => [h("dt", {}, label), h("dd", {}, value)];
    const fields = h("dl", { class: "fields" },
      ...row("Source", actorLabel(ev.source, ev.source_text)),
      ...row("Target", actorLabel(ev.target, ev.target_text)),
      ...row("Date", formatDate(ev.date)),
      ...row("Location", locationLabel(ev)),
      ...row("Modality", h("span", { class: `modality modality-${ev.modality}` }, ev.modality)),
      ...row("Attribution", ev.attribution ? h("span", { class: "attribution" }, ev.attribution) : "the article's own voice"),
      ...row("Quad class", quadLabel(ev.quad_class)),
      ...row("CAMEO", ev.cameo ?? "—"),
      ...row("Intensity", ev.intensity != null ? ev.intensity.toFixed(1) : "—"),
      ...row("Confidence", ev.confidence != null ? ev.confidence.toFixed(2) : "—"));
    return h("section", { class: "event-card", "data-event-id": String(ev.id) },
      h("h3", {}, typeBadge(ev), " ", h("span", { class: "dyad" }, dyadLabel(ev))),
      fields);
  }

  private renderArticle(article: ArticleDetail, spans: [number, number][], ev: EventRow | null): HTMLElement {
    const source = article.url
      ? h("a", { href: article.url, target: "_blank", rel: "noopener noreferrer" }, article.url)
      : h("span", {}, article.source);
    const text = h("div", { class: "article-text", tabindex: 0, role: "region", "aria-label": "Article text with the evidence highlighted" });
    text.append(highlightedText(article.text ?? "", spans, ev?.attribution_span ? [ev.attribution_span] : []));
    const heading = ev ? "Evidence in the article" : "Article";
    return h("section", { class: "article-view", "data-article-id": article.id },
      h("h3", {}, heading),
      h("p", { class: "article-title" }, article.title ?? "(no title)"),
      h("p", { class: "meta" }, source, ` · published ${formatDate(article.published)}`,
        article.language ? ` · ${article.language}` : ""),
      text);
  }

  private articleList(articles: ArticleSummary[], current: string, onOpen: (a: ArticleSummary) => void): HTMLElement {
    const list = h("ul", { class: "article-list" });
    for (const a of articles) {
      const isCurrent = a.id === current;
      const button = h("button", { type: "button", class: "link-button", "aria-current": isCurrent ? "true" : undefined },
        a.title ?? a.source);
      button.addEventListener("click", () => onOpen(a));
      list.append(h("li", {}, button, h("span", { class: "meta" }, ` ${a.source} · ${formatDate(a.published)}`)));
    }
    return list;
  }

  private renderCluster(cluster: Cluster | null, article: ArticleDetail, ev: EventRow): HTMLElement | null {
    const articles = cluster?.articles ?? [];
    const story = (article.story_articles ?? []).filter((a) => !articles.some((c) => c.id === a.id));
    if (!articles.length && !story.length) return null;
    const section = h("section", { class: "cluster-view", "data-cluster-id": cluster ? String(cluster.id) : undefined });
    const openFromCluster = (a: ArticleSummary) => {
      // Open the same event as that article reports it, so its own evidence is highlighted.
      const twin = cluster?.events?.find((e) => e.article_id === a.id);
      if (twin) this.handlers.selectEvent(String(twin.id)); else this.handlers.selectArticle(a.id);
    };
    if (articles.length === 1 && articles[0].id === ev.article_id) {
      section.append(h("h3", {}, "Other reports"), h("p", { class: "meta" }, "No other article reports this event yet."));
    } else if (articles.length) {
      section.append(h("h3", {}, `The same event in ${plural(articles.length, "article")}`),
        h("p", { class: "meta" }, cluster ? `${plural(cluster.n_mentions, "mention")} from ${plural(cluster.n_sources, "source")}, first seen ${formatDate(cluster.first_seen)}` : ""),
        this.articleList(articles, ev.article_id, openFromCluster));
    }
    if (story.length) {
      section.append(h("h3", {}, `Same story: ${plural(story.length, "more article")}`),
        this.articleList(story, ev.article_id, (a) => this.handlers.selectArticle(a.id)));
    }
    return section;
  }

  private renderArticleEvents(article: ArticleDetail): HTMLElement {
    const list = h("ol", { class: "event-set-list" });
    for (const ev of article.events) {
      const button = h("button", { type: "button", class: "link-button" }, typeBadge(ev),
        ` ${dyadLabel(ev)} · ${formatDate(ev.date)}`);
      button.addEventListener("click", () => this.handlers.selectEvent(String(ev.id)));
      list.append(h("li", {}, button));
    }
    return h("section", { class: "event-set" }, h("h3", {}, `Events in this article: ${article.events.length}`), list);
  }
}
