import type { LabelChip as Label } from "@/lib/inbox/conversation-summary";

const CHIP_CLASSES: Record<string, string> = {
  slate: "bg-slate-100 text-slate-700 ring-slate-300",
  red: "bg-red-50 text-red-700 ring-red-200",
  orange: "bg-orange-50 text-orange-700 ring-orange-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  teal: "bg-teal-50 text-teal-700 ring-teal-200",
  blue: "bg-sky-50 text-sky-700 ring-sky-200",
  violet: "bg-violet-50 text-violet-700 ring-violet-200",
  pink: "bg-pink-50 text-pink-700 ring-pink-200",
};

export function LabelChip({ label, small = false }: { label: Label; small?: boolean }) {
  return (
    <span
      className={`inline-flex items-center rounded-full ring-1 ring-inset ${small ? "px-1.5 text-[11px]" : "px-2 py-0.5 text-xs"} font-medium ${CHIP_CLASSES[label.color] ?? CHIP_CLASSES.slate}`}
    >
      {label.name}
    </span>
  );
}
