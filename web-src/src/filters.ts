// Filter bar: a form whose fields carry the API's filter names; it mirrors the URL state both ways.
import type { Actor, PlaceRow } from "./api";
import { EVENT_TYPES, MODALITIES, QUAD_CLASSES } from "./codes";
import { byId, debounce, h } from "./dom";
import { FILTER_KEYS, type FilterKey, type Filters } from "./state";

export class FilterBar {
  private form = byId<HTMLFormElement>("filters");
  private typed = debounce((key: FilterKey, value: string) => this.onChange({ [key]: value }), 350);

  constructor(private onChange: (change: Filters) => void, private onReset: () => void) {
    fillSelect(byId<HTMLSelectElement>("f-type"), EVENT_TYPES.map((t) => [t, t]));
    fillSelect(byId<HTMLSelectElement>("f-modality"), MODALITIES.map((m) => [m, m]));
    fillSelect(byId<HTMLSelectElement>("f-quad_class"), Object.entries(QUAD_CLASSES).map(([q, c]) => [q, c.label]));
    const typed = this.typed;
    for (const field of this.fields()) {
      const key = field.name as FilterKey;
      const free = field instanceof HTMLInputElement && (field.type === "search" || field.type === "text");
      field.addEventListener(free ? "input" : "change", () => {
        if (free) typed(key, field.value.trim()); else { typed.cancel(); this.onChange({ [key]: field.value }); }
      });
      // Enter in a text field applies at once rather than submitting the form.
      if (free) field.addEventListener("keydown", (e) => {
        if ((e as KeyboardEvent).key === "Enter") { e.preventDefault(); typed.cancel(); this.onChange({ [key]: field.value.trim() }); }
      });
    }
    this.form.addEventListener("submit", (e) => e.preventDefault());
    // On a phone the fields fold away behind one button; on wider screens the button is not shown.
    const toggle = byId("toggle-filters");
    toggle.addEventListener("click", () => {
      const open = this.form.classList.toggle("collapsed") === false;
      toggle.setAttribute("aria-expanded", String(open));
    });
    byId("reset-filters").addEventListener("click", () => this.onReset());
  }

  private fields(): (HTMLInputElement | HTMLSelectElement)[] {
    return [...this.form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input[name], select[name]")]
      .filter((f) => (FILTER_KEYS as readonly string[]).includes(f.name));
  }

  /** Drops typing not yet applied (after Back, a late apply would undo the navigation). */
  cancelPending(): void { this.typed.cancel(); }

  /** Shows the state's filters in the form (after Back, or a click on the map or network); a field being
   *  typed in keeps its text unless the user navigated. */
  show(filters: Filters, navigated = false): void {
    for (const field of this.fields()) {
      const value = filters[field.name as FilterKey] ?? "";
      if (field instanceof HTMLSelectElement && value && ![...field.options].some((o) => o.value === value)) {
        field.append(new Option(value, value));
      }
      if (navigated || document.activeElement !== field || field instanceof HTMLSelectElement) field.value = value;
    }
    const active = FILTER_KEYS.filter((k) => filters[k]).length;
    byId("reset-filters").toggleAttribute("disabled", active === 0);
    byId("filter-count").textContent = active ? `${active} active` : "";
    byId("filter-badge").textContent = active ? `(${active} active)` : "";
  }

  setActors(actors: Actor[]): void {
    const list = byId<HTMLDataListElement>("actor-options");
    list.replaceChildren(...actors.slice(0, 500).map((a) =>
      h("option", { value: a.code }, `${a.name ?? a.code} (${a.n_events})`)));
  }

  setCountries(places: PlaceRow[], names: Map<string, string>): void {
    const counts = new Map<string, number>();
    for (const p of places) if (p.country) counts.set(p.country, (counts.get(p.country) ?? 0) + p.n_events);
    const options = [...counts.entries()]
      .map(([code, n]) => [code, `${names.get(code) ?? code} (${n})`] as [string, string])
      .sort((a, b) => a[1].localeCompare(b[1]));
    const select = byId<HTMLSelectElement>("f-country");
    const current = select.value;
    select.replaceChildren(new Option("Any country", ""));
    fillSelect(select, options);
    select.value = current;
    if (current && select.value !== current) { select.append(new Option(current, current)); select.value = current; }
  }
}

function fillSelect(select: HTMLSelectElement, options: [string, string][]): void {
  for (const [value, label] of options) select.append(new Option(label, value));
}
