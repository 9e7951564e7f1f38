"use client";
// The spam classifier's score and reasons as the inbox shows them: a badge on list rows and messages,
// and the reasons as words ("prize · call now · mentions bit.ly").
import { formatSpamScore, type SpamReasonView } from "@/lib/conversations/spam-reasons";

/** Scores from here up are worth a badge on a row or a message (mode "scores" shows every score on hover). */
export const NOTABLE_SPAM_SCORE = 0.5;

export function spamReasonsText(reasons: SpamReasonView[], limit = 5): string {
  return reasons
    .slice(0, limit)
    .map((reason) => reason.text)
    .join(" · ");
}

export function SpamScoreBadge({
  score,
  reasons,
  className = "",
}: {
  score: number;
  reasons: SpamReasonView[];
  className?: string;
}) {
  const high = score >= 0.9;
  const why = spamReasonsText(reasons);
  return (
    <span
      data-testid="spam-score"
      title={why ? `Likely spam ${formatSpamScore(score)}: ${why}` : `Likely spam ${formatSpamScore(score)}`}
      className={[
        "inline-flex shrink-0 items-center rounded-full px-1.5 py-px text-[11px] font-medium tabular-nums",
        high ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-800",
        className,
      ].join(" ")}
    >
      <span className="sr-only">Likely spam </span>
      {formatSpamScore(score)}
    </span>
  );
}
