"use client";
// The app's one feedback mechanism for finished actions ("Denied example.com", "Ban deactivated"):
// short toasts from `sonner` (a well-kept, accessible toast library — announced politely to screen
// readers, pausing on hover, swipe to dismiss on phones). Every screen calls `toast`; the app shell
// renders the one <Toaster />. Errors that need the user's attention beside a form stay in the form.
import { Toaster as SonnerToaster, toast as sonnerToast } from "sonner";

export function Toaster() {
  return (
    <SonnerToaster
      position="bottom-center"
      // Clear of the phone's bottom navigation bar (about 4 rem).
      mobileOffset={{ bottom: "5.5rem", left: "1rem", right: "1rem" }}
      closeButton
      richColors
      duration={5000}
      toastOptions={{ className: "text-sm" }}
    />
  );
}

/** Confirmations (success) and failures (error) of what the user just did. */
export const toast = {
  success(message: string) {
    sonnerToast.success(message, { testId: "toast" });
  },
  /** Neither a success nor a failure: "Nobody is waiting". */
  info(message: string) {
    sonnerToast.info(message, { testId: "toast" });
  },
  error(message: string) {
    // Failures stay until dismissed: the user may need to read them twice.
    sonnerToast.error(message, { testId: "toast", duration: Infinity });
  },
};
