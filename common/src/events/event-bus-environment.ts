import { z } from 'zod';
import { envBoolean, envPositiveInt } from '../config/environment-fields';

/**
 * Event-bus configuration every producing or consuming service spreads into its environment schema.
 * `EVENT_BUS=embedded` (default) needs nothing else; `pubsub` talks to Google Cloud Pub/Sub, or to
 * the emulator when PUBSUB_EMULATOR_HOST is set (the client library reads that variable itself).
 */
export function eventBusEnvironmentShape() {
  return {
    EVENT_BUS: z.enum(['embedded', 'pubsub']).default('embedded'),
    /** The embedded bus's database inside the Mongo server (shared by all services: their broker). */
    EVENT_BUS_DATABASE: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,63}$/)
      .default('groovy_events'),
    /** How often an idle consumer polls the embedded log while publish wake-ups are unavailable (ms). */
    EVENT_BUS_POLL_INTERVAL_MS: envPositiveInt(50),
    /** How often an idle live subscriber (GraphQL subscriptions) polls the embedded log while wake-ups are unavailable (ms). */
    EVENT_BUS_LIVE_POLL_INTERVAL_MS: envPositiveInt(20),
    /** With publish wake-ups (the tailable cursor is open): how often an idle subscriber reads the log anyway (ms). */
    EVENT_BUS_SAFETY_POLL_INTERVAL_MS: envPositiveInt(5_000),
    /** How long Pub/Sub keeps an idle per-instance live subscription of a crashed instance (s, min 86400). */
    PUBSUB_LIVE_SUBSCRIPTION_TTL_SECONDS: z.coerce.number().int().min(86_400).default(86_400),
    PUBSUB_PROJECT_ID: z.string().trim().optional(),
    PUBSUB_EMULATOR_HOST: z.string().trim().optional(),
    PUBSUB_TOPIC_PREFIX: z
      .string()
      .trim()
      .regex(/^[A-Za-z][\w.-]{0,100}$/)
      .default('groovy'),
    PUBSUB_MAX_DELIVERY_ATTEMPTS: z.coerce.number().int().min(5).max(100).default(5),
    PUBSUB_CREATE_RESOURCES: envBoolean(true),
  };
}

export type EventBusEnvironment = z.infer<z.ZodObject<ReturnType<typeof eventBusEnvironmentShape>>>;
