export {
  hlsWorkerWebhookSchema,
  signWebhookBody,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type HlsWorkerWebhook,
} from './hls-worker-webhook';
