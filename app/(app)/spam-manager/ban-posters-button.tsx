"use client";
// "Ban everyone who posted this", from a denied string: a preview of who and where, then bans through the
// blacklist in steps of BAN_STEP posters — a campaign posted by thousands of accounts is banned with a
// progress bar and can be stopped between steps, instead of one request that runs for minutes.

import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorNote, Field, TextInput } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { toast } from "@/components/toaster";
import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { banPostersAction, previewBanPostersAction } from "./actions";
import { plural } from "./spam-ui";

interface Preview {
  users: number;
  byChannel: Partial<Record<ChannelName, number>>;
  bans: number;
  alreadyBanned: number;
}

/** Posters banned per call: a few seconds of work on the embedded database, so progress moves. */
const BAN_STEP = 100;

interface Tally {
  banned: number;
  alreadyBanned: number;
  failed: number;
  errors: string[];
}

/**
 * What a ban is counted as: a user when each poster has one identity on a channel (the usual case: the dialog
 * offered to "Ban 6 users"), else an identity (a user on two channels is two bans).
 */
type BanNoun = "user" | "identity";

function counted(count: number, noun: BanNoun): string {
  return noun === "user" ? plural(count, "user") : plural(count, "identity", "identities");
}

/** "Ban 6 users", or "Ban 6 users (8 identities)" when some posted from more than one. */
function confirmLabel({ users, bans }: { users: number; bans: number }): string {
  return `Ban ${plural(users, "user")}${bans === users ? "" : ` (${counted(bans, "identity")})`}`;
}

function summary({ banned, alreadyBanned, failed, errors }: Tally, noun: BanNoun): string {
  const parts = [`Banned ${counted(banned, noun)}`];
  if (alreadyBanned) parts.push(`${alreadyBanned} already banned`);
  if (failed) parts.push(`${failed} failed${errors[0] ? ` (${errors[0]})` : ""}`);
  return parts.join(", ");
}

export function BanPostersButton({
  spamStringId,
  value,
  size = "sm",
  quiet = false,
}: {
  spamStringId: string;
  value: string;
  size?: "sm" | "md";
  quiet?: boolean;
}) {
  const id = useId();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [reason, setReason] = useState(`Posted the denied string ${value}`);
  const [loading, startLoading] = useTransition();
  const [done, setDone] = useState<number | null>(null);
  const [stopping, setStopping] = useState(false);
  const stop = useRef(false);

  function openDialog() {
    setOpen(true);
    setPreview(null);
    setPreviewError(null);
    startLoading(async () => {
      const result = await previewBanPostersAction(spamStringId);
      if (result.ok) setPreview(result.data);
      else setPreviewError(result.error.message);
    });
  }

  async function confirm() {
    const noun: BanNoun = preview && preview.bans !== preview.users ? "identity" : "user";
    stop.current = false;
    setStopping(false);
    const tally: Tally = { banned: 0, alreadyBanned: 0, failed: 0, errors: [] };
    let after: string | null = null;
    // The dialog runs this in a transition: state set before the first await would show only at the end, so
    // the progress bar appears with the first step's count (until then the button says "Banning…").
    try {
      do {
        const result = await banPostersAction(spamStringId, { reason, limit: BAN_STEP, ...(after ? { after } : {}) });
        if (!result.ok) {
          const sofar = tally.banned ? ` ${summary(tally, noun)} before it stopped.` : "";
          if (tally.banned) router.refresh();
          return `${result.error.message}${sofar}`;
        }
        tally.banned += result.data.banned;
        tally.alreadyBanned += result.data.alreadyBanned;
        tally.failed += result.data.failed;
        tally.errors.push(...result.data.errors);
        after = result.data.nextCursor;
        setDone(tally.banned + tally.alreadyBanned + tally.failed);
      } while (after && !stop.current);
    } finally {
      setDone(null);
    }
    const stopped = after !== null;
    const message = stopped ? `Stopped: ${summary(tally, noun)}. The rest are not banned.` : summary(tally, noun);
    (tally.failed || stopped ? toast.error : toast.success)(message);
    setOpen(false);
    router.refresh();
  }

  const channels = preview ? (Object.entries(preview.byChannel) as Array<[ChannelName, number]>) : [];
  const total = preview?.bans ?? 0;
  return (
    <>
      <Button
        size={size}
        variant={quiet ? "secondary" : "danger"}
        onClick={openDialog}
        aria-label={`Ban posters of ${value}`}
        className={`whitespace-nowrap ${quiet ? "text-red-700" : ""}`}
      >
        <Icon name="ban" className="h-3.5 w-3.5" /> Ban posters
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Ban everyone who posted this?"
        variant="danger"
        confirmLabel={preview ? confirmLabel(preview) : "Ban"}
        pendingLabel="Banning…"
        confirmDisabled={!preview || preview.users === 0 || preview.bans === preview.alreadyBanned || !reason.trim()}
        onConfirm={confirm}
      >
        <p>
          Everyone who posted <span className="break-all font-mono font-medium text-slate-900">{value}</span> is added
          to the blacklist on the channels they posted it from.
        </p>
        {loading && <p className="text-slate-500">Counting who posted it…</p>}
        {previewError && <ErrorNote>{previewError}</ErrorNote>}
        {preview && preview.users === 0 && (
          <p className="rounded-md bg-slate-50 px-3 py-2">
            Nobody has posted it (stored posts only): there is no one to ban.
          </p>
        )}
        {preview && preview.users > 0 && (
          <div className="rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid="ban-preview">
            <p className="font-medium text-slate-900">
              {plural(preview.users, "user")} would be banned
              {preview.alreadyBanned ? ` (${preview.alreadyBanned} already banned, left as is)` : ""}:
            </p>
            <ul className="mt-2 flex flex-wrap gap-2">
              {channels.map(([channel, count]) => (
                <li
                  key={channel}
                  className="rounded-full bg-white px-2.5 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-200"
                >
                  {CHANNEL_INFO[channel].label}: {count}
                </li>
              ))}
            </ul>
          </div>
        )}
        {preview && preview.users > 0 && (
          <Field label="Reason" htmlFor={`${id}-reason`} hint="Shown on each ban in the Blacklist.">
            <TextInput
              id={`${id}-reason`}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxLength={500}
              required
              disabled={done !== null}
            />
          </Field>
        )}
        {done !== null && (
          <BanProgress
            done={done}
            total={Math.max(total, done)}
            stopping={stopping}
            onStop={() => {
              stop.current = true;
              setStopping(true);
            }}
          />
        )}
      </ConfirmDialog>
    </>
  );
}

function BanProgress({
  done,
  total,
  stopping,
  onStop,
}: {
  done: number;
  total: number;
  stopping: boolean;
  onStop(): void;
}) {
  const share = total > 0 ? done / total : 0;
  return (
    <div className="space-y-2" data-testid="ban-progress">
      <div className="flex items-center justify-between gap-3">
        <p className="tabular-nums text-slate-700" aria-live="polite">
          {stopping ? "Stopping after this step… " : "Banning… "}
          {done.toLocaleString("en")} of {total.toLocaleString("en")}
        </p>
        <Button size="sm" variant="secondary" onClick={onStop} disabled={stopping}>
          Stop
        </Button>
      </div>
      <div
        className="h-1.5 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-label="Posters banned"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <div className="h-full rounded-full bg-red-600 transition-[width]" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
