"use client";
// Allow / Deny buttons on string rows, the Allow/Deny tab's add form and entry buttons, and a clickable
// row; they share one run-and-refresh hook (useRun) and the lists' wording. "Ban everyone who posted
// this" is ./ban-posters-button.tsx.

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ErrorNote, Field, Select, TextInput } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { KIND_LABELS, SPAM_STRING_KINDS, type SpamKind, type SpamList } from "@/lib/spam-manager/kinds";
import { addToListAction, deleteListEntryAction } from "./actions";
import { toast } from "@/components/toaster";

type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: { message: string } };

function useRun() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function run<T>(action: () => Promise<Result<T>>, onDone?: (data: T) => void) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      onDone?.(result.data);
      router.refresh();
    });
  }
  return { pending, error, setError, run };
}

/** Allow and Deny for a row of a string tab (or the Spam History panel). */
export function ListButtons({
  kind,
  value,
  size = "sm",
  onListed,
}: {
  kind: SpamKind;
  value: string;
  size?: "sm" | "md";
  onListed?: () => void;
}) {
  const { pending, error, run } = useRun();
  const add = (list: SpamList) =>
    run(
      () => addToListAction(list, { kind, value }),
      () => {
        toast.success(`${list === "deny" ? "Denied" : "Allowed"} ${value}`);
        onListed?.();
      },
    );
  return (
    <div className="inline-flex flex-col items-end gap-1">
      <div className="inline-flex gap-1.5">
        <Button size={size} onClick={() => add("allow")} disabled={pending} aria-label={`Allow ${value}`}>
          <Icon name="check" className="h-3.5 w-3.5 text-emerald-600" /> Allow
        </Button>
        <Button
          size={size}
          onClick={() => add("deny")}
          disabled={pending}
          aria-label={`Deny ${value}`}
          className="text-red-700"
        >
          <Icon name="ban" className="h-3.5 w-3.5" /> Deny
        </Button>
      </div>
      {error && (
        <p role="alert" className="max-w-xs whitespace-normal text-right text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** Move an entry to the other list, or take it off. */
export function EntryButtons({ entry }: { entry: { id: string; list: SpamList; kind: SpamKind; value: string } }) {
  const { pending, error, run } = useRun();
  const other: SpamList = entry.list === "deny" ? "allow" : "deny";
  return (
    <div className="inline-flex flex-col items-end gap-1">
      <div className="inline-flex gap-1.5">
        <Button
          size="sm"
          disabled={pending}
          onClick={() =>
            run(
              () => addToListAction(other, { kind: entry.kind, value: entry.value }),
              () => toast.success(`Moved ${entry.value} to the ${other} list`),
            )
          }
          aria-label={`Move ${entry.value} to the ${other === "deny" ? "Deny" : "Allow"} list`}
          className="whitespace-nowrap"
        >
          {other === "deny" ? "Deny instead" : "Allow instead"}
        </Button>
        <Button
          size="sm"
          disabled={pending}
          onClick={() =>
            run(
              () => deleteListEntryAction(entry.id),
              () => toast.success(`Removed ${entry.value}; it shows again when next posted`),
            )
          }
          aria-label={`Remove ${entry.value} from the list`}
          className="whitespace-nowrap"
        >
          Remove
        </Button>
      </div>
      {error && (
        <p role="alert" className="max-w-xs whitespace-normal text-right text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

const PLACEHOLDERS: Record<SpamKind, string> = {
  domain: "example.com",
  url: "example.com/offer",
  phone: "+44 7700 900123",
  email: "promo@example.com",
};

export function AddEntryForm({ defaultList = "deny" }: { defaultList?: SpamList }) {
  const id = useId();
  const { pending, error, run } = useRun();
  const [list, setList] = useState<SpamList>(defaultList);
  const [kind, setKind] = useState<SpamKind>("domain");
  const [value, setValue] = useState("");
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(
      () => addToListAction(list, { kind, value }),
      (data) => {
        const entry = data as { value: string; created: boolean; movedFrom: SpamList | null };
        toast.success(
          !entry.created
            ? `${entry.value} is already on the ${list} list`
            : entry.movedFrom
              ? `Moved ${entry.value} to the ${list} list`
              : `Added ${entry.value} to the ${list} list`,
        );
        setValue("");
      },
    );
  }
  return (
    <form
      onSubmit={onSubmit}
      className="rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        Add a string
      </h2>
      <p className="mt-0.5 text-xs text-slate-500">
        Paste a link, host, number or address: it is stored the way messages are scanned (e.g. https://www.Example.com/
        → example.com).
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-[8rem_9rem_minmax(0,1fr)_auto] sm:items-end">
        <Field label="List" htmlFor={`${id}-list`}>
          <Select id={`${id}-list`} value={list} onChange={(event) => setList(event.target.value as SpamList)}>
            <option value="deny">Deny</option>
            <option value="allow">Allow</option>
          </Select>
        </Field>
        <Field label="Kind" htmlFor={`${id}-kind`}>
          <Select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as SpamKind)}>
            {SPAM_STRING_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k].one}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Value" htmlFor={`${id}-value`}>
          <TextInput
            id={`${id}-value`}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            placeholder={PLACEHOLDERS[kind]}
            maxLength={2000}
            required
          />
        </Field>
        <Button type="submit" variant="primary" disabled={pending || !value.trim()}>
          {pending ? "Adding…" : list === "deny" ? "Deny" : "Allow"}
        </Button>
      </div>
      {error && (
        <div className="mt-3">
          <ErrorNote>{error}</ErrorNote>
        </div>
      )}
    </form>
  );
}

/**
 * A table row that opens its detail when clicked anywhere but on its buttons (the link inside is the keyboard
 * path).
 */
export function ClickableRow({
  href,
  selected,
  children,
  testId,
}: {
  href: string;
  selected: boolean;
  children: React.ReactNode;
  testId?: string;
}) {
  const router = useRouter();
  return (
    <tr
      data-testid={testId}
      data-selected={selected || undefined}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a, button, input, select, textarea, dialog")) return;
        router.push(href, { scroll: false });
      }}
      className={`cursor-pointer align-top hover:bg-slate-50 ${selected ? "bg-brand-50/60 hover:bg-brand-50" : ""}`}
    >
      {children}
    </tr>
  );
}
