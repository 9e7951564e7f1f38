// A live-chat block's status for people: a chip, and who lifted it. Server- and client-safe (the Live
// Chat Blacklist page and the user card both show them).
import type { LiveChatBlockView } from "@/lib/live-chat/block-view";

const STATUS_STYLE = {
  active: "bg-red-50 text-red-700",
  expired: "bg-slate-100 text-slate-600",
  lifted: "bg-emerald-50 text-emerald-700",
} as const;

export function BlockStatusChip({ block }: { block: Pick<LiveChatBlockView, "status" | "unblockedVia"> }) {
  const text =
    block.status === "active"
      ? "Active"
      : block.status === "expired"
        ? "Expired"
        : block.unblockedVia === "superseded"
          ? "Replaced"
          : "Lifted";
  return (
    <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[block.status]}`}>
      {text}
    </span>
  );
}

export function liftedBy(block: LiveChatBlockView): string | null {
  if (block.status !== "lifted") return null;
  if (block.unblockedVia === "superseded") return "Replaced by a newer block";
  if (block.unblockedVia === "flow")
    return `Lifted by the chatbot flow${block.unblockedBy ? ` (${block.unblockedBy.name})` : ""}`;
  if (block.unblockedVia === "api" && !block.unblockedBy) return "Lifted through the API";
  return `Lifted by ${block.unblockedBy?.name ?? "an admin"}`;
}
