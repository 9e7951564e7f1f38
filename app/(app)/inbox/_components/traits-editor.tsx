"use client";
// The user card's traits: each shown with its type, edited in place, removed, and new ones added; the
// "Marked as Spam" and other system traits are read-only. Saves go through updateContactAction.
import { useState, useTransition } from "react";
import type { ContactDetail, ContactTraitView } from "@/lib/contacts/get-contact";
import { displayTraitValue, TRAIT_TYPES, type TraitType } from "@/lib/contacts/traits";
import { Icon } from "@/components/icons";
import { Button } from "@/components/ui/button";
import { updateContactAction } from "@/app/(app)/inbox/actions";

export function TraitsEditor({
  contact,
  onChanged,
}: {
  contact: ContactDetail;
  onChanged(contact: ContactDetail): void;
}) {
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
              className={[
                "truncate rounded px-1 text-left font-medium text-slate-800",
                "enabled:hover:bg-slate-100 disabled:cursor-default",
              ].join(" ")}
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
          className={[
            "rounded p-0.5 text-slate-400 opacity-0 hover:text-red-600",
            "focus:opacity-100 group-hover:opacity-100",
          ].join(" ")}
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
