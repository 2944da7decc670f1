// Vocabulary shared by every view: PLOVER types, modalities and the quad-class colours.

export const EVENT_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
] as const;

export const MODALITIES = ["asserted", "reported", "hedged", "negated", "intended"] as const;

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
export const QUAD_CLASSES: Record<number, { label: string; short: string; color: string }> = {
  1: { label: "Verbal cooperation", short: "verbal coop", color: "#56B4E9" },
  2: { label: "Material cooperation", short: "material coop", color: "#0072B2" },
  3: { label: "Verbal conflict", short: "verbal conflict", color: "#E69F00" },
  4: { label: "Material conflict", short: "material conflict", color: "#D55E00" },
};
export const UNKNOWN_COLOR = "#8a8f98";

export function quadColor(quad: number | string | null | undefined): string {
  const q = Number(quad);
  return QUAD_CLASSES[q]?.color ?? UNKNOWN_COLOR;
}

export function quadLabel(quad: number | string | null | undefined): string {
  const q = Number(quad);
  return QUAD_CLASSES[q]?.label ?? "Unclassified";
}

// PLOVER's type order runs from cooperation to conflict, so a blue→red ramp over it reads the same way.
const TYPE_RAMP = ["#0b5394", "#2f78b6", "#5a9bd4", "#7fb7e0", "#43a39a", "#2e8b57", "#8fbf6f", "#b9b45a",
  "#e6b23c", "#e69f00", "#d9822b", "#c8652e", "#b34a35", "#9c3a3a", "#843044", "#6b2140"];

export function typeColor(type: string | null | undefined): string {
  const i = EVENT_TYPES.indexOf((type ?? "") as typeof EVENT_TYPES[number]);
  return i >= 0 ? TYPE_RAMP[i] : UNKNOWN_COLOR;
}

/** The share of conflict in a dyad's events (0 = all cooperation, 1 = all conflict, 0.5 = unknown). */
export function conflictShare(cooperation: number, conflict: number): number {
  const total = cooperation + conflict;
  return total > 0 ? conflict / total : 0.5;
}
