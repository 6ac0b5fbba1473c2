package org.herald.campaign.domain;

/** How a campaign's messages are delivered. */
public enum DeliveryGuarantee {
    /** Every guard on: the product. The default. */
    EXACTLY_ONCE,
    /**
     * The benchmark's baseline: no duplicate-detection id, no processed-message table, no XA on
     * the consumer; a plain consumer that may send a message twice after a failure.
     */
    AT_LEAST_ONCE
}
