import { Icon } from "@/components/icons";

/** The red flag on a conversation whose user is marked as spam (list rows and the conversation header). */
export function SpamFlag({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <span className="shrink-0 text-red-600" data-testid="spam-flag">
      <Icon name="flag" className={className} title="User marked as spam" />
    </span>
  );
}
