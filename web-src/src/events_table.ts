// The event list: the filtered events, newest first, one row each; a row opens its evidence.
import type { EventRow } from "./api";
import { formatDate, h, plural } from "./dom";
import { locationLabel, typeBadge } from "./evidence";

export interface EventsTableHandlers { select(id: string): void; more(): void }

export class EventsTable {
  private rows: EventRow[] = [];
  private total = 0;
  private selected: string | null = null;

  constructor(private tbody: HTMLTableSectionElement, private caption: HTMLElement,
              private moreButton: HTMLButtonElement, private handlers: EventsTableHandlers) {
    moreButton.addEventListener("click", () => handlers.more());
  }

  set(items: EventRow[], total: number, append = false): void {
    this.rows = append ? [...this.rows, ...items] : items;
    this.total = total;
    this.render();
  }

  get length(): number { return this.rows.length; }

  select(id: string | null): void {
    this.selected = id;
    for (const tr of this.tbody.querySelectorAll<HTMLTableRowElement>("tr[data-event-id]")) {
      tr.setAttribute("aria-selected", String(tr.dataset.eventId === id));
    }
  }

  private render(): void {
    this.caption.textContent = this.total
      ? `Showing ${this.rows.length.toLocaleString("en")} of ${plural(this.total, "event")}`
      : "No events match these filters";
    this.tbody.replaceChildren(...this.rows.map((ev) => this.row(ev)));
    this.moreButton.hidden = this.rows.length >= this.total;
  }

  private row(ev: EventRow): HTMLTableRowElement {
    const id = String(ev.id);
    const open = h("button", { type: "button", class: "row-open", "aria-label": `Open evidence for ${ev.type} ${ev.source} to ${ev.target}` },
      formatDate(ev.date ?? ev.published?.slice(0, 10)));
    const tr = h("tr", { "data-event-id": id, "aria-selected": String(id === this.selected) },
      h("td", { class: "col-date" }, open),
      h("td", { class: "col-type" }, typeBadge(ev)),
      h("td", { class: "col-dyad" }, h("span", { class: "code", title: ev.source_text ?? "" }, ev.source),
        ev.symmetric ? " ↔ " : " → ", h("span", { class: "code", title: ev.target_text ?? "" }, ev.target)),
      h("td", { class: "col-place" }, locationLabel(ev)),
      h("td", { class: "col-modality" }, h("span", { class: `modality modality-${ev.modality}` }, ev.modality)),
      h("td", { class: "col-evidence" }, h("div", { class: "clamp", title: ev.evidence }, ev.evidence)));
    open.addEventListener("click", (e) => { e.stopPropagation(); this.handlers.select(id); });
    tr.addEventListener("click", () => this.handlers.select(id));
    return tr;
  }
}
