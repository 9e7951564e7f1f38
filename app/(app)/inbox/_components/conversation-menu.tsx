"use client";
// The conversation's "⋯" menu: a list of items so other capabilities add theirs (e.g. "Ban client…")
// next to "Block from live chat…". A menu button with the ARIA menu pattern: arrows move, Escape closes.
import { useEffect, useRef, useState } from "react";
import { Icon, type IconName } from "@/components/icons";

export interface ConversationMenuItem {
  id: string;
  label: string;
  icon?: IconName;
  /** Destructive actions are shown in red. */
  danger?: boolean;
  disabled?: boolean;
  /** Shown as a tooltip, e.g. why the item is disabled. */
  title?: string;
  onSelect(): void;
}

export function ConversationMenu({
  items,
  label = "More actions",
  className = "",
}: {
  items: ConversationMenuItem[];
  label?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>("[role=menuitem]:not([disabled])")?.focus();
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  if (!items.length) return null;

  function onKeyDown(event: React.KeyboardEvent) {
    const entries = [...(root.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]:not([disabled])") ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next =
        event.key === "ArrowDown" ? (index + 1) % entries.length : (index - 1 + entries.length) % entries.length;
      entries[next]?.focus();
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  }

  return (
    <div ref={root} className={`relative ${className}`} onKeyDown={open ? onKeyDown : undefined}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={label}
        title={label}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="rounded-md border border-slate-300 bg-white p-1.5 text-slate-700 hover:bg-slate-50"
      >
        <Icon name="more" className="h-4 w-4" />
      </button>
      {open && (
        <div
          role="menu"
          aria-label={label}
          className="absolute right-0 z-30 mt-1 w-60 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              title={item.title}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
              className={[
                "flex w-full items-center gap-2 px-3 py-2 text-left text-sm",
                "outline-none hover:bg-slate-50 focus:bg-slate-100",
                "disabled:cursor-not-allowed disabled:opacity-50",
                item.danger ? "text-red-700" : "text-slate-800",
              ].join(" ")}
            >
              {item.icon && <Icon name={item.icon} className="h-4 w-4 shrink-0" />}
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
