"""The packaged scorer: the reference scorer of the gold sets (gold/score.py, SPEC.md), shipped so that
``eventwire eval`` gives the same numbers where a gold folder carries no score.py of its own.
Keep it identical in behaviour to the reference (tests/test_eval.py compares the two on the same files).

usage: python -m eventwire.eval.scorer GOLD.jsonl SYSTEM.jsonl [--json] [--per-article]
"""
import json
import math
import re
import sys


def load(path):
    rows = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                sys.exit(f"{path}:{n}: not JSON: {exc}")
            if "id" not in obj:
                sys.exit(f"{path}:{n}: no 'id'")
            rows[obj["id"]] = obj
    return rows


def options(value):
    """Acceptable answers of a gold field: a list stays a list, anything else is one answer."""
    return value if isinstance(value, list) else [value]


def single(event):
    """A system event gives one answer per field; a list (as when gold is scored as a system) keeps its first."""
    return {k: (v[0] if isinstance(v, list) and v else v) for k, v in event.items()}


def lead(code):
    return (code or "")[:3].upper()


def actors_agree(sys_code, gold_codes, full):
    for g in options(gold_codes):
        if g is None:
            continue
        if full and (sys_code or "").upper() == g.upper():
            return True
        if not full and lead(sys_code) == lead(g):
            return True
    return False


def dyad_agrees(s, g, full=False):
    direct = actors_agree(s.get("source"), g.get("source"), full) and actors_agree(s.get("target"), g.get("target"), full)
    if direct:
        return True
    if g.get("symmetric"):
        return actors_agree(s.get("target"), g.get("source"), full) and actors_agree(s.get("source"), g.get("target"), full)
    return False


def matches(s, g, full=False):
    return (s.get("type") or "").upper() in [t.upper() for t in options(g.get("type")) if t] and dyad_agrees(s, g, full)


def words(text):
    return re.findall(r"\w+", (text or "").lower())


def overlap_f1(a, b):
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    common = 0
    pool = list(wb)
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def date_ok(sys_date, gold_date):
    for g in options(gold_date):
        if g is None:
            continue
        if sys_date and str(sys_date)[: len(g)] == g and len(str(sys_date)) >= len(g):
            return True
    return False


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def location_ok(sys_loc, gold_loc):
    for g in options(gold_loc):
        if not g or not sys_loc:
            continue
        if (sys_loc.get("country") or "").upper() != (g.get("country") or "").upper():
            continue
        if None not in (sys_loc.get("lat"), sys_loc.get("lon"), g.get("lat"), g.get("lon")):
            if km(sys_loc["lat"], sys_loc["lon"], g["lat"], g["lon"]) > 161:
                continue
        return True
    return False


def attribution_ok(sys_attr, gold_attr):
    for g in options(gold_attr):
        if g is None and not sys_attr:
            return True
        if g is not None and sys_attr and overlap_f1(sys_attr, g) >= 0.5:
            return True
    return False


def modality_ok(sys_mod, gold_mod):
    return (sys_mod or "").lower() in [(m or "").lower() for m in options(gold_mod)]


def attribute_score(s, g):
    """How well a matched pair agrees beyond the dyad: used to prefer better pairs in the matching."""
    return sum([
        g.get("date") is not None and date_ok(s.get("date"), g["date"]),
        g.get("location") is not None and location_ok(s.get("location"), g["location"]),
        attribution_ok(s.get("attribution"), g.get("attribution")),
        g.get("modality") is not None and modality_ok(s.get("modality"), g["modality"]),
    ])


def max_matching(system, gold, full=False):
    """One-to-one matching that first maximises matched pairs, then their attribute agreement
    (Hungarian algorithm on a square matrix; sizes are small)."""
    n = max(len(system), len(gold))
    if not n:
        return {}
    big = 100.0
    weight = [[0.0] * n for _ in range(n)]
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            if matches(s, g, full):
                # a required gold event is preferred over an optional twin, then better attributes win
                weight[i][j] = big + (0 if g.get("optional") else 10) + attribute_score(s, g)
    cost = [[big * 3 - w for w in row] for row in weight]
    # Hungarian algorithm (Kuhn-Munkres), 1-indexed potentials.
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = {}
    for j in range(1, n + 1):
        i = p[j] - 1
        if i < len(system) and j - 1 < len(gold) and weight[i][j - 1] > 0:
            pairs[i] = j - 1
    return pairs


def score(gold_rows, sys_rows):
    totals = {k: 0 for k in ("tp", "fp", "fn", "tp_full", "fp_full", "fn_full")}
    attr = {k: [0, 0] for k in ("date", "location", "attribution", "modality")}
    art = {k: [0, 0] for k in ("title", "published", "language", "body_clean")}
    per_article = []
    missing = [gid for gid in gold_rows if gid not in sys_rows]
    for gid, grow in gold_rows.items():
        srow = sys_rows.get(gid, {})
        gold = grow.get("events", [])
        system = [single(e) for e in srow.get("events", []) if isinstance(e, dict)]
        row = {"id": gid}
        for full in (False, True):
            pairs = max_matching(system, gold, full)
            tp = sum(1 for j in pairs.values() if not gold[j].get("optional"))
            on_optional = sum(1 for j in pairs.values() if gold[j].get("optional"))
            fp = len(system) - tp - on_optional
            fn = sum(1 for j, g in enumerate(gold) if not g.get("optional") and j not in pairs.values())
            suffix = "_full" if full else ""
            totals["tp" + suffix] += tp
            totals["fp" + suffix] += fp
            totals["fn" + suffix] += fn
            if not full:
                row.update(tp=tp, fp=fp, fn=fn)
                for i, j in pairs.items():
                    s, g = system[i], gold[j]
                    if g.get("optional"):
                        continue
                    for field, ok in (("date", date_ok), ("location", location_ok), ("modality", modality_ok)):
                        if g.get(field) is not None:
                            attr[field][1] += 1
                            attr[field][0] += ok(s.get(field), g[field])
                    if "attribution" in g:
                        attr["attribution"][1] += 1
                        attr["attribution"][0] += attribution_ok(s.get("attribution"), g["attribution"])
        ga, sa = grow.get("article", {}), srow.get("article", {}) or {}
        if ga.get("title"):
            art["title"][1] += 1
            art["title"][0] += overlap_f1(sa.get("title"), ga["title"]) >= 0.9
        if ga.get("published"):
            art["published"][1] += 1
            art["published"][0] += date_ok(sa.get("published"), ga["published"])
        if ga.get("language"):
            art["language"][1] += 1
            art["language"][0] += (sa.get("language") or "").lower().startswith(ga["language"].lower())
        if ga.get("body_must_include") or ga.get("body_must_exclude"):
            body = sa.get("text") or ""
            clean = all(x in body for x in ga.get("body_must_include", [])) and not any(
                re.search(r"(^|\n)\s*" + re.escape(x) + r"\s*(\n|$)", body) for x in ga.get("body_must_exclude", [])
            )
            art["body_clean"][1] += 1
            art["body_clean"][0] += clean
        per_article.append(row)

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0

    p, r, f = prf(totals["tp"], totals["fp"], totals["fn"])
    pf, rf, ff = prf(totals["tp_full"], totals["fp_full"], totals["fn_full"])
    rate = lambda pair: round(pair[0] / pair[1], 4) if pair[1] else None
    return {
        "articles": len(gold_rows),
        "missing_articles": missing,
        "event": {"precision": p, "recall": r, "f1": f, **{k: totals[k] for k in ("tp", "fp", "fn")}},
        "event_full_code": {"precision": pf, "recall": rf, "f1": ff},
        "on_matched": {k: rate(v) for k, v in attr.items()},
        "article_fields": {k: rate(v) for k, v in art.items()},
        "per_article": per_article,
    }


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    result = score(load(args[0]), load(args[1]))
    if "--per-article" not in argv:
        result.pop("per_article")
    if "--json" in argv:
        print(json.dumps(result, indent=2))
        return
    e = result["event"]
    print(f"articles {result['articles']}  missing {len(result['missing_articles'])}")
    print(f"event  P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  (tp {e['tp']} fp {e['fp']} fn {e['fn']})")
    fc = result["event_full_code"]
    print(f"full-code  P {fc['precision']:.3f}  R {fc['recall']:.3f}  F1 {fc['f1']:.3f}")
    print("on matched: " + "  ".join(f"{k} {v}" for k, v in result["on_matched"].items()))
    print("article:    " + "  ".join(f"{k} {v}" for k, v in result["article_fields"].items()))
    for row in result.get("per_article", []):
        print(f"  {row['id']}: tp {row['tp']} fp {row['fp']} fn {row['fn']}")


if __name__ == "__main__":
    main(sys.argv[1:])
