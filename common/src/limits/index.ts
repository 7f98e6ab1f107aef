export { WindowRateLimiter, type WindowRateLimit } from './window-rate-limiter';
