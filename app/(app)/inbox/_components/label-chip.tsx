import type { LabelChip as Label } from "@/lib/conversations/conversation-summary";
import { labelColorClasses } from "@/lib/labels/label-colors";

export function LabelChip({ label, small = false }: { label: Label; small?: boolean }) {
  return (
    <span
      className={[
        "inline-flex items-center rounded-full ring-1 ring-inset",
        small ? "px-1.5 text-[11px]" : "px-2 py-0.5 text-xs",
        "font-medium",
        labelColorClasses(label.color).chip,
      ].join(" ")}
    >
      {label.name}
    </span>
  );
}
