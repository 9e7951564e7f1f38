// The spam classifier's public API (issue 18). Ingest fills a ClassifierInput per incoming message and
// calls scoreMessage(); the team's actions call learnFromLabels(); the settings page can show
// measureOnTenantLabels(). See tenant-classifier.ts for storage, freshness and concurrency.
export {
  FEATURE_VERSION,
  MAX_SPAM_STRINGS,
  MAX_TEXT_CHARS,
  SIGNALS,
  classifierInputSchema,
  senderHistorySchema,
  spamStringSignalSchema,
  type ClassifierInput,
  type SenderHistory,
  type SpamStringSignal,
} from "./features";
export {
  scoreBothWays,
  scoreInput,
  type ScoreBothWays,
  type ScoreOptions,
  type SpamReason,
  type SpamScore,
} from "./reasons";
export { defaultModel, classifierInputOf } from "./default-model";
export {
  ClassifierCache,
  DEFAULT_MAX_STALENESS_MS,
  LABEL_SOURCE_DEFAULTS,
  MAX_LABELS_PER_CALL,
  classifierCache,
  classifierLabelSchema,
  invalidateTenantClassifier,
  learnFromLabels,
  loadTenantClassifier,
  measureOnTenantLabels,
  scoreMessage,
  type ClassifierLabelInput,
  type LabelledPerformance,
  type LearnResult,
  type TenantClassifier,
} from "./tenant-classifier";
