import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock, CommandOutcome } from '@ot/application';
import type { ServiceConfig } from '@ot/config';
import type { Partner, PartnerEvent } from '@ot/domain';
import { APP_CONFIG, WALL_CLOCK } from '../app.tokens';
import { RecordPartnerEventCommand } from '../orders/record-partner-event.command';
import { toPartnerEvent } from './partner-webhooks';

export type WebhookResult = Pick<CommandOutcome, 'orderId' | 'outcome' | 'streamVersion'>;

/** 202: newly recorded (durably). 200: seen before, answered with the original's version. */
export const statusOf = (result: WebhookResult): number => (result.outcome === 'appended' ? 202 : 200);

/** A webhook's two steps after the HTTP ones, for the controller and for the route on node:http alike. */
@Injectable()
export class PartnerEventRecorder {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Validates one payload into its event; throws InvalidPayloadError. */
  eventOf(partner: Partner, body: unknown): PartnerEvent {
    // Wall time even when CLOCK=event-time: a replayed event is old, a future one is wrong either way.
    return toPartnerEvent(partner, body, this.wallClock.now().getTime() + this.config.MAX_EVENT_FUTURE_SKEW_MS);
  }

  /** Resolves once the event is durable in the store (or was recorded before). */
  async record(event: PartnerEvent, requestId: string): Promise<WebhookResult> {
    const command = new RecordPartnerEventCommand({ type: 'RecordPartnerEvent', data: { event } }, requestId);
    const { orderId, outcome, streamVersion } = await this.commandBus.execute<RecordPartnerEventCommand, CommandOutcome>(command);
    return { orderId, outcome, streamVersion };
  }
}
