"use client";
// "End chat" (resolve with feedback and an optional live-chat block) and "Block from live chat…".
import { useEffect, useState, useTransition } from "react";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import type { LiveChatBlockView } from "@/lib/live-chat/block-view";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/field";
import { toast } from "@/components/toaster";
import { fullTime } from "@/lib/ui/format-time";
import { endChatAction, blockFromLiveChatAction } from "@/app/(app)/inbox/live-chat-actions";
import { BlockFields, parseBlockDraft, useBlockDraft } from "./block-fields";

type Errors = Partial<Record<"minutes" | "reason", string>>;

/** "Blocked Max from live chat until 5 Dec 2026, 16:50" (in the agent's zone: this runs in the browser). */
function blockedMessage(name: string, block: LiveChatBlockView, prefix = ""): string {
  return `${prefix}${prefix ? "b" : "B"}locked ${name} from live chat until ${fullTime(block.blockedUntil)}`;
}

export function EndChatDialog({
  open,
  onClose,
  conversation,
  authenticated,
  onEnded,
}: {
  open: boolean;
  onClose(): void;
  conversation: { id: string; contact: { name: string } };
  authenticated: boolean | null;
  onEnded(result: { conversation: ConversationSummary; block: LiveChatBlockView | null }): void;
}) {
  const [feedback, setFeedback] = useState("");
  const [blocking, setBlocking] = useState(false);
  const [draft, setDraft] = useBlockDraft(open);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!open) return;
    setFeedback("");
    setBlocking(false);
    setErrors({});
    setError(null);
  }, [open]);

  function submit() {
    setError(null);
    let block = null;
    if (blocking) {
      const parsed = parseBlockDraft(draft);
      if (!parsed.ok) return setErrors(parsed.errors);
      block = parsed.input;
    }
    setErrors({});
    startTransition(async () => {
      const result = await endChatAction(conversation.id, { feedback, block });
      if (!result.ok) return setError(result.error.message);
      toast.success(
        result.data.block
          ? blockedMessage(conversation.contact.name, result.data.block, "Chat ended; ")
          : `Chat with ${conversation.contact.name} ended`,
      );
      onEnded(result.data);
      onClose();
    });
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`End chat with ${conversation.contact.name}`}
      labelledBy="end-chat-title"
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="space-y-1.5">
          <label htmlFor="end-chat-feedback" className="block text-sm font-medium text-slate-700">
            Feedback <span className="font-normal text-slate-500">(optional, for your team)</span>
          </label>
          <textarea
            id="end-chat-feedback"
            rows={3}
            maxLength={2000}
            value={feedback}
            onChange={(event) => setFeedback(event.target.value)}
            placeholder="How did the chat go? Anything the next agent should know?"
            className={[
              "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm",
              "focus:border-brand-500 focus:outline-none",
            ].join(" ")}
          />
        </div>

        <div className={`rounded-lg border ${blocking ? "border-red-200 bg-red-50/40" : "border-slate-200"} p-3`}>
          <label className="flex items-start gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              checked={blocking}
              onChange={(event) => setBlocking(event.target.checked)}
              className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
            />
            <span>
              Block this user from live chat
              <span className="block text-xs font-normal text-slate-500">
                For disrespectful, offensive or spamming users: they cannot join the agent queue until the block ends.
              </span>
            </span>
          </label>
          {blocking && (
            <div className="mt-3 border-t border-red-100 pt-3">
              <BlockFields
                draft={draft}
                onChange={setDraft}
                errors={errors}
                authenticated={authenticated}
                idPrefix="end-chat-block"
              />
            </div>
          )}
        </div>

        {error && <ErrorNote>{error}</ErrorNote>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={blocking ? "danger" : "primary"} disabled={pending}>
            {pending ? "Ending…" : blocking ? "End chat and block" : "End chat"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function BlockFromLiveChatDialog({
  open,
  onClose,
  conversation,
  authenticated,
  onBlocked,
}: {
  open: boolean;
  onClose(): void;
  conversation: { id: string; contact: { name: string } };
  authenticated: boolean | null;
  onBlocked(block: LiveChatBlockView): void;
}) {
  const [draft, setDraft] = useBlockDraft(open);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!open) return;
    setErrors({});
    setError(null);
  }, [open]);

  function submit() {
    setError(null);
    const parsed = parseBlockDraft(draft);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    startTransition(async () => {
      const result = await blockFromLiveChatAction(conversation.id, parsed.input);
      if (!result.ok) return setError(result.error.message);
      toast.success(blockedMessage(conversation.contact.name, result.data));
      onBlocked(result.data);
      onClose();
    });
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Block ${conversation.contact.name} from live chat`}
      labelledBy="block-live-chat-title"
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <BlockFields
          draft={draft}
          onChange={setDraft}
          errors={errors}
          authenticated={authenticated}
          idPrefix="block-live-chat"
        />
        <p className="text-xs text-slate-500">
          If the user is already blocked, the block is extended when this one ends later; it is never shortened.
        </p>
        {error && <ErrorNote>{error}</ErrorNote>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Blocking…" : "Block from live chat"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
