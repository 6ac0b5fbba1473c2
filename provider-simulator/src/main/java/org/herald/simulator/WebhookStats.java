package org.herald.simulator;

/**
 * Webhook counters since start or the last reset.
 *
 * @param delivered posts the receiver answered with 2xx
 * @param failedAttempts posts that got a non-2xx answer or no answer
 * @param abandoned webhooks given up after their last attempt
 * @param pending webhooks scheduled, in flight or waiting for a retry
 */
record WebhookStats(long delivered, long failedAttempts, long abandoned, long pending) {
}
