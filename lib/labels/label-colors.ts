// The label palette. Client-safe (no server imports): the settings page, the inbox chips and the zod
// schemas share it. Class strings are written out in full so Tailwind's scanner sees every one.
import { z } from "zod";

export const LABEL_COLORS = ["slate", "red", "orange", "amber", "green", "teal", "blue", "violet", "pink"] as const;

export const labelColorSchema = z.enum(LABEL_COLORS);
export type LabelColor = z.infer<typeof labelColorSchema>;

export const DEFAULT_LABEL_COLOR: LabelColor = "slate";

interface ColorClasses {
  /** A chip: soft background, readable text, an inset ring (use with `ring-1 ring-inset`). */
  chip: string;
  /** A solid dot for color pickers. */
  swatch: string;
  /** Human name, for pickers read aloud. */
  name: string;
}

export const LABEL_COLOR_CLASSES: Record<LabelColor, ColorClasses> = {
  slate: { chip: "bg-slate-100 text-slate-700 ring-slate-300", swatch: "bg-slate-400", name: "Slate" },
  red: { chip: "bg-red-50 text-red-700 ring-red-200", swatch: "bg-red-500", name: "Red" },
  orange: { chip: "bg-orange-50 text-orange-700 ring-orange-200", swatch: "bg-orange-500", name: "Orange" },
  amber: { chip: "bg-amber-50 text-amber-800 ring-amber-200", swatch: "bg-amber-400", name: "Amber" },
  green: { chip: "bg-emerald-50 text-emerald-700 ring-emerald-200", swatch: "bg-emerald-500", name: "Green" },
  teal: { chip: "bg-teal-50 text-teal-700 ring-teal-200", swatch: "bg-teal-500", name: "Teal" },
  blue: { chip: "bg-sky-50 text-sky-700 ring-sky-200", swatch: "bg-sky-500", name: "Blue" },
  violet: { chip: "bg-violet-50 text-violet-700 ring-violet-200", swatch: "bg-violet-500", name: "Violet" },
  pink: { chip: "bg-pink-50 text-pink-700 ring-pink-200", swatch: "bg-pink-500", name: "Pink" },
};

export function isLabelColor(color: string): color is LabelColor {
  return (LABEL_COLORS as readonly string[]).includes(color);
}

/** The classes of a stored color; unknown values (older data) fall back to slate. */
export function labelColorClasses(color: string): ColorClasses {
  return LABEL_COLOR_CLASSES[isLabelColor(color) ? color : DEFAULT_LABEL_COLOR];
}
