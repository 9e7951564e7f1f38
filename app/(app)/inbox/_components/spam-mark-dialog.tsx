"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { setContactSpamMarkAction } from "@/app/(app)/inbox/actions";

/** "Mark user as Spam" / "Un-mark as Spam" with a confirmation that says what will happen. */
export function SpamMarkButton({
  contact,
  marked,
  onDone,
  size = "sm",
}: {
  contact: { id: string; name: string };
  marked: boolean;
  onDone(): void;
  size?: "sm" | "md";
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const title = marked ? "Un-mark as Spam" : "Mark user as Spam";

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await setContactSpamMarkAction(contact.id, !marked);
      if (!result.ok) return setError(result.error.message);
      setOpen(false);
      onDone();
    });
  }

  return (
    <>
      <Button size={size} variant={marked ? "secondary" : "danger"} onClick={() => setOpen(true)}>
        <Icon name="flag" className="h-4 w-4" />
        {title}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={marked ? `Un-mark ${contact.name} as spam?` : `Mark ${contact.name} as spam?`}
      >
        {marked ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>All of their chats go back to All, You or Unassigned (or Resolved), by assignee and status.</li>
            <li>Agents can assign, label and answer them again; new messages notify again.</li>
            <li>Their “Marked as Spam” trait becomes No and campaigns include them again.</li>
          </ul>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>All of their chats, old and new, move to the Spam list and leave All, You and Unassigned.</li>
            <li>Nobody can assign, label or answer those chats until the user is un-marked.</li>
            <li>Their messages keep arriving and are stored, but trigger no notifications.</li>
            <li>They are left out of every campaign, and their “Marked as Spam” trait becomes Yes.</li>
          </ul>
        )}
        {error && (
          <div className="mt-3">
            <ErrorNote>{error}</ErrorNote>
          </div>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant={marked ? "primary" : "danger"} disabled={pending} onClick={confirm}>
            {pending ? "Working…" : title}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
