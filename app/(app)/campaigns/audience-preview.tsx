"use client";
// The live audience size beside the editor: a keyed query, debounced while the conditions change.
// Only the answer for the conditions on screen is shown (TanStack Query keys the answers), and the
// previous count stays, dimmed, while the next one loads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDebounce } from "use-debounce";
import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import type { AudienceCondition } from "@/lib/campaigns/audience-conditions";
import { pluralWord } from "@/lib/ui/plural";
import { Icon } from "@/components/icons";
import { previewAudienceAction } from "./actions";
import { CHANNEL_ICONS, formatCount } from "./campaign-ui";

const DEBOUNCE_MS = 350;

export type AudiencePreview =
  | { state: "counting"; last: { count: number; sample: Array<{ id: string; name: string }> } | null }
  | { state: "ready"; count: number; sample: Array<{ id: string; name: string }> }
  | { state: "incomplete" | "error"; message: string };

export function useAudiencePreview(
  audience: { ok: true; conditions: AudienceCondition[] } | { ok: false; message: string },
): AudiencePreview {
  const key = audience.ok ? JSON.stringify(audience.conditions) : null;
  const [debouncedKey] = useDebounce(key, DEBOUNCE_MS);
  const query = useQuery({
    queryKey: ["campaign-audience-preview", debouncedKey],
    queryFn: () => previewAudienceAction({ audience: JSON.parse(debouncedKey!) }),
    enabled: debouncedKey !== null,
    placeholderData: keepPreviousData,
  });
  if (!audience.ok) return { state: "incomplete", message: audience.message };
  const answer = query.data;
  const last = answer?.ok ? answer.data : null;
  if (debouncedKey !== key || query.isFetching || query.isPlaceholderData) return { state: "counting", last };
  if (query.isError) return { state: "error", message: "Could not count the audience. Check your connection." };
  if (!answer) return { state: "counting", last: null };
  if (!answer.ok) return { state: "error", message: answer.error.message.replace(/^Invalid audience: /, "") };
  return { state: "ready", ...answer.data };
}

function shownOf(preview: AudiencePreview) {
  return preview.state === "ready" ? preview : preview.state === "counting" ? preview.last : null;
}

/** Phones: the size right under the builder, since the panel comes after the message there. */
export function AudienceSummaryLine({ preview }: { preview: AudiencePreview }) {
  const shown = shownOf(preview);
  if (!shown) return null;
  return (
    <p
      className="mt-3 flex items-center gap-1.5 border-t border-slate-100 pt-3 text-sm text-slate-700 lg:hidden"
      aria-hidden="true"
    >
      <Icon name="users" className="h-4 w-4 text-slate-500" />
      <span className={preview.state === "counting" ? "opacity-60" : ""}>
        <strong className="font-semibold tabular-nums">{formatCount(shown.count)}</strong>{" "}
        {pluralWord(shown.count, "contact matches", "contacts match")}
      </span>
    </p>
  );
}

export function AudiencePanel({
  preview,
  deliveryChannel,
}: {
  preview: AudiencePreview;
  deliveryChannel: ChannelName | undefined;
}) {
  const shown = shownOf(preview);
  return (
    <section aria-labelledby="audience-size-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2
        id="audience-size-heading"
        className="flex items-center gap-1.5 text-xs font-medium uppercase tracking-wide text-slate-500"
      >
        <Icon name="users" className="h-4 w-4" />
        Audience size
      </h2>
      <div aria-live="polite" aria-busy={preview.state === "counting"} className="mt-2">
        {preview.state === "incomplete" || preview.state === "error" ? (
          <p className={`text-sm ${preview.state === "error" ? "text-red-700" : "text-slate-600"}`}>
            {preview.message}
          </p>
        ) : shown ? (
          <div className={preview.state === "counting" ? "opacity-60 transition-opacity" : ""}>
            <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="audience-count">
              {formatCount(shown.count)}{" "}
              <span className="text-base font-medium text-slate-600">
                {pluralWord(shown.count, "contact matches", "contacts match")}
              </span>
            </p>
            {shown.sample.length > 0 && (
              <p className="mt-1 text-sm text-slate-600">
                {shown.sample.map((c) => c.name).join(", ")}
                {shown.count > shown.sample.length && ` and ${formatCount(shown.count - shown.sample.length)} more`}
              </p>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-500">Counting…</p>
        )}
      </div>
      <p className="mt-3 flex items-center gap-1.5 border-t border-slate-100 pt-3 text-xs text-slate-500">
        {deliveryChannel ? (
          <>
            <Icon name={CHANNEL_ICONS[deliveryChannel]} className="h-4 w-4" /> Delivered on{" "}
            {CHANNEL_INFO[deliveryChannel].label}
          </>
        ) : (
          <>Delivered on each contact’s most recent channel</>
        )}
      </p>
    </section>
  );
}
