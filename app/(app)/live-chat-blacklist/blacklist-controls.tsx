"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/field";
import { LocalTime as SharedLocalTime } from "@/components/local-time";
import { toast } from "@/components/toaster";
import { unblockFromBlacklistAction } from "./actions";

/** Server and browser may disagree on time zone and "now": the browser renders it (components/local-time.tsx). */
export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  return <SharedLocalTime iso={iso} format={relative ? "relative" : "full"} />;
}

export function UnblockButton({ block }: { block: { id: string; userName: string; until: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)} aria-label={`Unblock ${block.userName}`}>
        Unblock
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Unblock ${block.userName}?`} labelledBy={`unblock-${block.id}`}>
        <p className="text-sm text-slate-700">
          The block would have ended <LocalTime iso={block.until} />. Once lifted, the user can ask for an agent again right away. The block stays in the history as lifted.
        </p>
        {error && (
          <div className="mt-3">
            <ErrorNote>{error}</ErrorNote>
          </div>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant="primary"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await unblockFromBlacklistAction(block.id);
                if (!result.ok) return setError(result.error.message);
                setOpen(false);
                toast.success(`Unblocked ${block.userName}: they can ask for an agent again`);
                router.refresh();
              })
            }
          >
            {pending ? "Unblocking…" : "Unblock user"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
