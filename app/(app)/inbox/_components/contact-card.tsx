"use client";

import { useState, useTransition } from "react";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import type { ContactDetail, ContactTraitView } from "@/lib/contacts/get-contact";
import { displayTraitValue, TRAIT_TYPES, type TraitType } from "@/lib/contacts/traits";
import { LocalTime } from "@/components/local-time";
import { ChannelIcon } from "@/components/channel-icon";
import { Icon } from "@/components/icons";
import { Button } from "@/components/ui/button";
import { updateContactAction } from "@/app/(app)/inbox/actions";
import { SpamMarkButton } from "./spam-mark-dialog";
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
        <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700">
          {contact.name.slice(0, 2).toUpperCase()}
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
            className="-mb-px flex items-center gap-1.5 border-b-2 border-transparent py-2 text-slate-600 hover:text-slate-900 aria-selected:border-brand-600 aria-selected:font-medium aria-selected:text-slate-900"
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
                    className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-50 aria-[current=true]:bg-brand-50"
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

function TraitsEditor({ contact, onChanged }: { contact: ContactDetail; onChanged(contact: ContactDetail): void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [adding, setAdding] = useState(false);

  function save(
    input: { set?: Array<{ key: string; type: TraitType; value: string }>; remove?: string[] },
    done?: () => void,
  ) {
    setError(null);
    startTransition(async () => {
      const result = await updateContactAction(contact.id, input);
      if (!result.ok) return setError(result.error.message);
      onChanged(result.data);
      done?.();
    });
  }

  return (
    <div>
      {contact.traits.length === 0 && !adding && <p className="text-sm text-slate-500">No traits yet.</p>}
      <dl className="space-y-1.5">
        {contact.traits.map((trait) => (
          <TraitRow
            key={trait.key}
            trait={trait}
            pending={pending}
            onSave={(value) => save({ set: [{ key: trait.key, type: trait.type, value }] })}
            onRemove={() => save({ remove: [trait.key] })}
          />
        ))}
      </dl>
      {error && (
        <p role="alert" className="mt-2 text-xs text-red-600">
          {error}
        </p>
      )}
      {adding ? (
        <NewTraitForm
          pending={pending}
          onCancel={() => setAdding(false)}
          onSave={(trait) => save({ set: [trait] }, () => setAdding(false))}
        />
      ) : (
        <Button size="sm" variant="ghost" className="mt-2" onClick={() => setAdding(true)}>
          <Icon name="plus" className="h-4 w-4" /> Add trait
        </Button>
      )}
    </div>
  );
}

function TraitRow({
  trait,
  pending,
  onSave,
  onRemove,
}: {
  trait: ContactTraitView;
  pending: boolean;
  onSave(value: string): void;
  onRemove(): void;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(trait.value);
  return (
    <div className="group flex items-start gap-2 text-sm" data-testid={`trait-${trait.key}`}>
      {/* Wraps rather than cuts: "Marked as Spam" must read in full. */}
      <dt className="w-32 shrink-0 break-words pt-0.5 text-slate-500" title={trait.key}>
        {trait.key}
      </dt>
      <dd className="min-w-0 flex-1">
        {editing ? (
          <form
            className="flex gap-1"
            onSubmit={(event) => {
              event.preventDefault();
              onSave(value);
              setEditing(false);
            }}
          >
            <TraitValueInput
              type={trait.type}
              value={value}
              onChange={setValue}
              label={`Value of ${trait.key}`}
              autoFocus
            />
            <Button size="sm" type="submit" disabled={pending}>
              Save
            </Button>
          </form>
        ) : (
          <span className="flex items-center gap-1">
            {trait.system && <Icon name="lock" className="h-3.5 w-3.5 text-slate-400" title="Set by the system" />}
            <button
              type="button"
              disabled={trait.system}
              onClick={() => {
                setValue(trait.value);
                setEditing(true);
              }}
              className="truncate rounded px-1 text-left font-medium text-slate-800 enabled:hover:bg-slate-100 disabled:cursor-default"
              title={trait.system ? "Set by the system; cannot be edited" : "Edit"}
            >
              {displayTraitValue(trait.type, trait.value)}
            </button>
          </span>
        )}
      </dd>
      {!trait.system && !editing && (
        <button
          type="button"
          onClick={onRemove}
          disabled={pending}
          className="rounded p-0.5 text-slate-400 opacity-0 hover:text-red-600 focus:opacity-100 group-hover:opacity-100"
          aria-label={`Remove ${trait.key}`}
        >
          <Icon name="close" className="h-4 w-4" />
        </button>
      )}
    </div>
  );
}

function TraitValueInput({
  type,
  value,
  onChange,
  label,
  autoFocus = false,
}: {
  type: TraitType;
  value: string;
  onChange(value: string): void;
  label: string;
  autoFocus?: boolean;
}) {
  const className = "min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm";
  if (type === "boolean") {
    return (
      <select
        aria-label={label}
        value={value === "true" ? "true" : "false"}
        onChange={(e) => onChange(e.target.value)}
        className={className}
      >
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  }
  return (
    <input
      aria-label={label}
      autoFocus={autoFocus}
      type={type === "number" ? "number" : type === "date" ? "date" : "text"}
      step="any"
      value={type === "date" ? value.slice(0, 10) : value}
      onChange={(e) => onChange(e.target.value)}
      className={className}
    />
  );
}

function NewTraitForm({
  pending,
  onCancel,
  onSave,
}: {
  pending: boolean;
  onCancel(): void;
  onSave(trait: { key: string; type: TraitType; value: string }): void;
}) {
  const [key, setKey] = useState("");
  const [type, setType] = useState<TraitType>("text");
  const [value, setValue] = useState("");
  return (
    <form
      className="mt-2 space-y-2 rounded-md border border-slate-200 p-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ key, type, value: type === "boolean" ? value || "true" : value });
      }}
    >
      <div className="flex gap-1">
        <input
          aria-label="Trait name"
          autoFocus
          placeholder="Name, e.g. plan"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
          className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <select
          aria-label="Trait type"
          value={type}
          onChange={(e) => setType(e.target.value as TraitType)}
          className="rounded border border-slate-300 px-1 py-1 text-sm"
        >
          {TRAIT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t === "boolean" ? "yes/no" : t}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-1">
        <TraitValueInput type={type} value={value} onChange={setValue} label="Trait value" />
      </div>
      <div className="flex justify-end gap-1">
        <Button size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" type="submit" variant="primary" disabled={pending || !key.trim()}>
          Add
        </Button>
      </div>
    </form>
  );
}
