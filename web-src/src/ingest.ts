// Ingest box: paste a URL or text, POST /api/articles with the API key, and see the article coded.
import { api, ApiError, KEY_STORAGE, type ArticleDetail } from "./api";
import { byId, formatDate, h, plural } from "./dom";
import { dyadLabel, typeBadge } from "./evidence";


export interface IngestHandlers { coded(article: ArticleDetail): void; selectEvent(id: string): void }

export function describeIngestError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401 || err.status === 403) return "The API key was refused. Check the key the server was started with.";
    if (err.status === 413) return "That document is larger than the server accepts.";
    if (err.status === 422) return `The server could not code this input: ${err.message}`;
    return `The server answered ${err.status}: ${err.message}`;
  }
  return `The request failed: ${(err as Error).message}`;
}

export function setupIngest(handlers: IngestHandlers): void {
  const dialog = byId<HTMLDialogElement>("ingest-dialog");
  const form = byId<HTMLFormElement>("ingest-form");
  const status = byId("ingest-status");
  const result = byId("ingest-result");
  const key = byId<HTMLInputElement>("ingest-key");
  key.value = sessionStorage.getItem(KEY_STORAGE) ?? "";
  // Only the session keeps the key (a shared machine's next user does not inherit it); reads use it too.
  key.addEventListener("change", () => sessionStorage.setItem(KEY_STORAGE, key.value));

  byId("open-ingest").addEventListener("click", () => { dialog.showModal(); byId<HTMLInputElement>("ingest-url").focus(); });
  byId("close-ingest").addEventListener("click", () => dialog.close());

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const url = String(data.get("url") ?? "").trim();
    const text = String(data.get("text") ?? "").trim();
    const source = String(data.get("source") ?? "").trim();
    if (!url && !text) { status.textContent = "Give a URL or paste the article text."; return; }
    if (url && text) { status.textContent = "Give either a URL or text, not both."; return; }
    sessionStorage.setItem(KEY_STORAGE, key.value);
    const submit = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    submit.disabled = true;
    status.textContent = "Coding…";
    result.replaceChildren();
    try {
      const body = url ? { url, ...(source ? { source } : {}) } : { text, ...(source ? { source } : {}) };
      const article = await api.ingest(body, key.value);
      status.textContent = `Coded: ${plural(article.events.length, "event")}.`;
      result.replaceChildren(renderCoded(article, (id) => { dialog.close(); handlers.selectEvent(id); }));
      handlers.coded(article);
    } catch (err) {
      status.textContent = describeIngestError(err);
    } finally {
      submit.disabled = false;
    }
  });
}

function renderCoded(article: ArticleDetail, open: (id: string) => void): HTMLElement {
  const list = h("ol", { class: "event-set-list" });
  for (const ev of article.events) {
    const button = h("button", { type: "button", class: "link-button" }, typeBadge(ev),
      ` ${dyadLabel(ev)} · ${formatDate(ev.date)}`);
    button.addEventListener("click", () => open(String(ev.id)));
    list.append(h("li", {}, button, h("div", { class: "meta" }, ev.evidence)));
  }
  return h("div", { class: "coded-article", "data-article-id": article.id },
    h("p", { class: "article-title" }, article.title ?? "(no title)"),
    h("p", { class: "meta" }, `${article.source} · published ${formatDate(article.published)} · ${article.language ?? "?"}`),
    article.events.length ? list : h("p", {}, "No events were found in this article."));
}
