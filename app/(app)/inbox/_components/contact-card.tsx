"use client";
// The user card beside the open conversation: who the contact is, their identities, traits (edited in
// traits-editor.tsx), live-chat blocks (live-chat-block-panel.tsx), spam mark and other conversations.
import { initialsOf } from "@/lib/ui/initials";
import { useState } from "react";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import { LocalTime } from "@/components/local-time";
import { ChannelIcon } from "@/components/channel-icon";
import { Icon } from "@/components/icons";
import { Button } from "@/components/ui/button";
import { SpamMarkButton } from "./spam-mark-dialog";
import { TraitsEditor } from "./traits-editor";
import { ActivityData, LiveChatBlacklistTab, LiveChatStatusNote, useActiveBlocks } from "./live-chat-block-panel";

export function ContactCard({
  contact,
  failed,
  selectedConversationId,
  onBack,
  onOpenConversation,
  onChanged,
  onReload,
}: {
  contact: ContactDetail | null;
  /** Loading the user failed (the card offers a retry). */
  failed: boolean;
  selectedConversationId: string;
  onBack(): void;
  onOpenConversation(id: string): void;
  onChanged(contact: ContactDetail): void;
  onReload(): void;
}) {
  const [tab, setTab] = useState<"profile" | "live-chat">("profile");
  const blockedNow = useActiveBlocks(contact).length > 0;
  if (!contact) {
    return (
      <div className="flex min-h-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-3 xl:hidden">
          <button
            type="button"
            onClick={onBack}
            className="rounded-md p-1 text-slate-600 hover:bg-slate-100"
            aria-label="Back to the conversation"
          >
            <Icon name="back" />
          </button>
          <h2 className="font-semibold">User</h2>
        </header>
        {failed ? (
          <div className="flex flex-col items-start gap-2 p-4 text-sm" data-testid="contact-failed">
            <p role="alert" className="text-slate-700">
              Couldn’t load this user.
            </p>
            <Button size="sm" onClick={onReload}>
              Try again
            </Button>
          </div>
        ) : (
          <p className="p-4 text-sm text-slate-500" role="status">
            Loading user…
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-3">
        <button
          type="button"
          onClick={onBack}
          className="rounded-md p-1 text-slate-600 hover:bg-slate-100 xl:hidden"
          aria-label="Back to the conversation"
        >
          <Icon name="back" />
        </button>
        <span
          className={[
            "flex h-10 w-10 shrink-0 items-center justify-center rounded-full",
            "bg-slate-200 text-sm font-semibold text-slate-700",
          ].join(" ")}
        >
          {initialsOf(contact.name) ?? <Icon name="user" className="h-5 w-5" />}
        </span>
        <div className="min-w-0">
          <h2 className="line-clamp-2 break-words font-semibold" data-testid="contact-name">
            {contact.name}
          </h2>
          <p className="text-xs text-slate-500">
            {contact.authenticated
              ? `Signed-in user${contact.externalId ? ` · ${contact.externalId}` : ""}`
              : "Anonymous"}{" "}
            · first seen <LocalTime iso={contact.createdAt} format="relative" />
          </p>
        </div>
      </header>

      <div role="tablist" aria-label="User card" className="flex gap-4 border-b border-slate-200 px-4 text-sm">
        {(
          [
            ["profile", "Profile"],
            ["live-chat", "Live Chat Blacklist"],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`contact-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`contact-panel-${id}`}
            onClick={() => setTab(id)}
            className={[
              "-mb-px flex items-center gap-1.5 border-b-2 border-transparent py-2",
              "text-slate-600 hover:text-slate-900 aria-selected:border-brand-600",
              "aria-selected:font-medium aria-selected:text-slate-900",
            ].join(" ")}
          >
            {label}
            {id === "live-chat" && blockedNow && (
              <span className="h-2 w-2 rounded-full bg-red-500" title="Blocked now" />
            )}
          </button>
        ))}
      </div>

      {tab === "live-chat" ? (
        <div role="tabpanel" id="contact-panel-live-chat" aria-labelledby="contact-tab-live-chat">
          <LiveChatBlacklistTab contact={contact} onChanged={onReload} />
        </div>
      ) : (
        <div role="tabpanel" id="contact-panel-profile" aria-labelledby="contact-tab-profile">
          <div className="border-b border-slate-100 px-4 py-3">
            {contact.spam ? (
              <div
                className="mb-2 flex items-start gap-2 rounded-md bg-red-50 p-2 text-sm text-red-900"
                data-testid="contact-spam-status"
              >
                <Icon name="flag" className="mt-0.5 h-4 w-4 shrink-0 text-red-600" />
                <span>
                  Marked as spam{contact.spam.markedBy ? ` by ${contact.spam.markedBy.name}` : ""} ·{" "}
                  <LocalTime iso={contact.spam.markedAt} format="relative" />
                </span>
              </div>
            ) : null}
            <LiveChatStatusNote contact={contact} />
            <SpamMarkButton contact={contact} marked={Boolean(contact.spam)} onDone={onReload} />
          </div>

          <Section title="Identities">
            <ul className="space-y-1.5">
              {contact.identities.map((identity) => (
                <li key={`${identity.channel}:${identity.identifier}`} className="flex items-center gap-2 text-sm">
                  <ChannelIcon channel={identity.channel} />
                  <span className="min-w-0 flex-1 break-words" title={CHANNEL_INFO[identity.channel].label}>
                    {identity.identifier}
                  </span>
                </li>
              ))}
            </ul>
          </Section>

          <Section title="Traits">
            <TraitsEditor contact={contact} onChanged={onChanged} />
          </Section>

          {Object.keys(contact.activityData).length > 0 && (
            <Section title="Chat activity data">
              <ActivityData data={contact.activityData} />
            </Section>
          )}

          <Section title={`Conversations (${contact.conversations.length})`}>
            <ul className="space-y-1">
              {contact.conversations.map((conversation) => (
                <li key={conversation.id}>
                  <button
                    type="button"
                    onClick={() => onOpenConversation(conversation.id)}
                    aria-current={conversation.id === selectedConversationId ? "true" : undefined}
                    className={[
                      "w-full rounded-md px-2 py-1.5 text-left text-sm",
                      "hover:bg-slate-50 aria-[current=true]:bg-brand-50",
                    ].join(" ")}
                  >
                    <span className="flex items-center gap-2">
                      <ChannelIcon channel={conversation.channel} />
                      <span className="min-w-0 flex-1 truncate text-slate-700">
                        {conversation.lastMessagePreview || "—"}
                      </span>
                      <LocalTime
                        iso={conversation.lastMessageAt}
                        format="relative"
                        className="text-xs text-slate-500"
                      />
                    </span>
                    <span className="ml-6 text-xs capitalize text-slate-500">{conversation.status}</span>
                  </button>
                </li>
              ))}
            </ul>
          </Section>
        </div>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="border-b border-slate-100 px-4 py-3">
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}
