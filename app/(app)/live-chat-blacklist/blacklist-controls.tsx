"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)} aria-label={`Unblock ${block.userName}`}>
        Unblock
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Unblock ${block.userName}?`}
        confirmLabel="Unblock user"
        pendingLabel="Unblocking…"
        onConfirm={async () => {
          const result = await unblockFromBlacklistAction(block.id);
          if (!result.ok) return result.error.message;
          setOpen(false);
          toast.success(`Unblocked ${block.userName}: they can ask for an agent again`);
          router.refresh();
        }}
      >
        <p>
          The block would have ended <LocalTime iso={block.until} />. Once lifted, the user can ask for an agent again
          right away. The block stays in the history as lifted.
        </p>
      </ConfirmDialog>
    </>
  );
}
