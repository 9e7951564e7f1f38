// The realtime connection's state, as the inbox and the Spam Manager show it: "Live", or connecting.
import type { ConnectionState } from "@/lib/realtime/use-realtime";

export function ConnectionBadge({
  state,
  liveTitle = "Live: lists update as things happen",
}: {
  state: ConnectionState;
  liveTitle?: string;
}) {
  if (state === "live") {
    return (
      <span
        data-testid="connection-state"
        className="flex items-center gap-1 text-xs text-emerald-700"
        title={liveTitle}
      >
        <span className="h-2 w-2 rounded-full bg-emerald-500" /> Live
      </span>
    );
  }
  return (
    <span
      role="status"
      data-testid="connection-state"
      className="flex items-center gap-1 text-xs text-amber-700"
      title="Live updates paused; reconnecting"
    >
      <span className="h-2 w-2 animate-pulse rounded-full bg-amber-500" />{" "}
      {state === "connecting" ? "Connecting…" : "Reconnecting…"}
    </span>
  );
}
