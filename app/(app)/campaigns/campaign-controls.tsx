"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/icons";
import { setCampaignActiveAction } from "./actions";

/** Pause or resume an ongoing campaign from its page. */
export function OngoingToggle({ campaignId, active }: { campaignId: string; active: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant={active ? "secondary" : "primary"}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await setCampaignActiveAction(campaignId, !active);
            if (!result.ok) setError(result.error.message);
            router.refresh();
          })
        }
      >
        {!active && <Icon name="send" className="h-4 w-4" />}
        {pending ? (active ? "Pausing…" : "Activating…") : active ? "Pause" : "Activate"}
      </Button>
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
