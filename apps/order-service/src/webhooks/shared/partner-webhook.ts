import type { PartnerEvent } from '@ot/domain';
import type { ClassConstructor } from 'class-transformer';

/**
 * Everything the edge needs to know about one partner's payloads: the DTO, which field names
 * the kind of message, the kinds it sends, which field says when it happened, and how one
 * becomes a domain event.
 */
export type PartnerWebhook<P extends object> = Readonly<{
  payload: ClassConstructor<P>;
  kindField: keyof P & string;
  timeField: keyof P & string;
  kinds: readonly string[];
  normalise(payload: P): PartnerEvent;
}>;
