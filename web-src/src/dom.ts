// Small DOM helpers: elements built from data with textContent only (API text is never parsed as HTML).

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string | number | boolean | undefined | null> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = String(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`dashboard markup lacks #${id}`);
  return el as T;
}

export function formatDate(value: string | null | undefined): string {
  return value ? value.replace("T", " ") : "—";
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Runs fn after `ms` of quiet (typing in the text filter fires one request, not one per key);
 *  `cancel` drops a pending call (Enter applies at once, and a late call would undo a Back). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: number | undefined;
  const run = (...args: A) => { window.clearTimeout(timer); timer = window.setTimeout(() => fn(...args), ms); };
  return Object.assign(run, { cancel: () => window.clearTimeout(timer) });
}
