"use client";
// Inbox shortcuts: j/k move in the list, Enter opens, r replies, e resolves, t takes the next chat
// waiting in the live-chat queue, s confirms and d dismisses a spam suspicion (the focused row of the
// Suspected list, or the open chat while it is suspected), Escape goes back a pane.
// Ignored while typing in a field, and with modifier keys (so browser shortcuts keep working).
import { useEffect, useRef } from "react";

interface Handlers {
  onMove(by: number): void;
  onOpen(): void;
  onReply(): void;
  onResolve(): void;
  onTakeNext(): void;
  onConfirmSpam(): void;
  onDismissSuspicion(): void;
  onBack(): void;
}

const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset"]);

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  if (element instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(element.type);
  return element.isContentEditable || element.tagName === "TEXTAREA" || element.tagName === "SELECT";
}

export function useInboxKeyboard(handlers: Handlers) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const h = ref.current;
      const actions: Record<string, () => void> = {
        j: () => h.onMove(1),
        ArrowDown: () => h.onMove(1),
        k: () => h.onMove(-1),
        ArrowUp: () => h.onMove(-1),
        Enter: () => h.onOpen(),
        r: () => h.onReply(),
        e: () => h.onResolve(),
        t: () => h.onTakeNext(),
        s: () => h.onConfirmSpam(),
        d: () => h.onDismissSuspicion(),
        Escape: () => h.onBack(),
      };
      const action = actions[event.key];
      if (!action) return;
      // Enter on a focused button or link keeps its own meaning.
      if (event.key === "Enter" && (event.target as HTMLElement)?.closest?.("button, a")) return;
      event.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
