package org.herald.campaign.domain;

/**
 * What a pause or resume request did: {@code changed} is false when the campaign was already in
 * the requested condition (a repeated request, which changes nothing); {@code status} is the
 * campaign's status afterwards.
 */
public record PauseChange(long campaignId, boolean changed, CampaignStatus status) {
}
