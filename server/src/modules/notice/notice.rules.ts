import type { SubscribeTopic } from '../../contract/subscription';
import { beijingAt, beijingWeekday } from '../../contract/time';

/** Per-type value limits of subscribe-message fields (wechat.md §2.2); longer values get 47003. */
const LIMITS: Record<string, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  name: 10,
  phrase: 5,
};

/** Fits each value to its key's type: strips control characters and cuts to the limit. */
export function fitTemplateData(data: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [key, raw] of Object.entries(data)) {
    const type = key.replace(/\d+$/, '');
    const clean = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    const limit = LIMITS[type];
    out[key] = { value: limit ? Array.from(clean).slice(0, limit).join('') : clean };
  }
  return out;
}

/**
 * The latest weekly digest time at or before `now`: Beijing `weekday` (1 = Monday) at `hour`:00.
 * Notices held before it belong to that digest; those held after wait for the next one.
 */
export function digestDueAt(now: Date, weekday: number, hour: number): Date {
  const back = (beijingWeekday(now) - weekday + 7) % 7;
  const candidate = beijingAt(now, -back, hour);
  return candidate.getTime() <= now.getTime() ? candidate : beijingAt(now, -back - 7, hour);
}

/** A user's stored topic choice as the settings model keeps it (see topic.model.ts). */
export interface TopicChoice {
  topics: readonly SubscribeTopic[];
  off?: readonly SubscribeTopic[] | null;
  digest?: readonly SubscribeTopic[] | null;
}

/** The topics settings stored before the others existed: a choice written then leaves newer topics on. */
export const LEGACY_TOPICS: readonly SubscribeTopic[] = ['policy', 'application', 'subsidy', 'live'];

/** Whether the user wants WeChat reminders of a topic, and whether the topic is gathered into the digest. */
export function topicState(choice: TopicChoice | null | undefined, topic: SubscribeTopic): { on: boolean; digest: boolean } {
  if (!choice) return { on: true, digest: false };
  const on = choice.off ? !choice.off.includes(topic) : !LEGACY_TOPICS.includes(topic) || choice.topics.includes(topic);
  return { on, digest: Boolean(choice.digest?.includes(topic)) };
}
