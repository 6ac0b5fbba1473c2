package org.herald.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Records every message the simulated provider accepted, in arrival order, and enforces the
 * throughput and pair rate limits. Admission, the limits and the counters change together under
 * one lock, so per-recipient counts are exact under any concurrency; the work inside the lock is
 * constant time.
 */
final class MessageLedger {

    private static final long WINDOW_MILLIS = 1000;

    private final LongSupplier clock;
    private final WamidFactory wamids = new WamidFactory();
    private final AtomicLong nonces = new AtomicLong();
    private final LongAdder rejected = new LongAdder();
    private final Object lock = new Object();

    private ArrayList<StoredMessage> messages = new ArrayList<>();
    private Map<String, RecipientLog> recipients = new LinkedHashMap<>();
    private int windowStart;
    private int maxPerSecond;
    private long firstAcceptedAt;
    private long lastAcceptedAt;
    private volatile int perSecondLimit;
    private volatile double pairPerSecond;

    MessageLedger(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Records the message as accepted, unless that would exceed a rate limit.
     *
     * @throws ApiError code 130429 over the throughput limit, 131056 over the pair limit
     */
    AcceptedMessage admit(SendRequest request, byte flags) {
        byte[] payload = StoredMessage.pack(request.parameters(), request.bizOpaqueCallbackData());
        long nonce = nonces.incrementAndGet();
        StoredMessage stored;
        long seq;
        synchronized (lock) {
            long now = Math.max(clock.getAsLong(), lastAcceptedAt);
            int inWindow = slideWindow(now);
            int limit = perSecondLimit;
            if (limit > 0 && inWindow >= limit) {
                throw ApiError.of(130429, null);
            }
            RecipientLog recipient = recipients.get(request.to());
            if (recipient != null && tooSoonForPair(recipient, now)) {
                throw ApiError.of(131056, null);
            }
            if (recipient == null) {
                recipient = new RecipientLog(request.to());
                recipients.put(recipient.to, recipient);
            }
            stored = new StoredMessage(nonce, now, recipient.to, request.template(), payload,
                    flags);
            recordLocked(stored, recipient, inWindow);
            seq = messages.size();
        }
        return view(seq, stored);
    }

    void countRejected() {
        rejected.increment();
    }

    void limitThroughput(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must be >= 0: " + perSecond);
        }
        perSecondLimit = perSecond;
    }

    void limitPairRate(double perSecond) {
        if (perSecond < 0 || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("pairPerSecond must be >= 0: " + perSecond);
        }
        pairPerSecond = perSecond;
    }

    int throughputLimit() {
        return perSecondLimit;
    }

    double pairRateLimit() {
        return pairPerSecond;
    }

    /** Forgets every message and counter; the limits are left to the caller. */
    void clear() {
        synchronized (lock) {
            messages = new ArrayList<>();
            recipients = new LinkedHashMap<>();
            windowStart = 0;
            maxPerSecond = 0;
            firstAcceptedAt = 0;
            lastAcceptedAt = 0;
            rejected.reset();
        }
    }

    LedgerStats stats() {
        synchronized (lock) {
            int accepted = messages.size();
            return new LedgerStats(accepted, rejected.sum(), recipients.size(),
                    accepted - recipients.size(), maxPerSecond, firstAcceptedAt, lastAcceptedAt);
        }
    }

    /** Accepted-message counts per recipient, in order of each recipient's first message. */
    Map<String, Integer> countsByRecipient() {
        synchronized (lock) {
            Map<String, Integer> counts = new LinkedHashMap<>(recipients.size() * 2);
            for (RecipientLog recipient : recipients.values()) {
                counts.put(recipient.to, recipient.count);
            }
            return counts;
        }
    }

    List<AcceptedMessage> messagesTo(String to) {
        int[] indexes;
        List<StoredMessage> snapshot;
        synchronized (lock) {
            RecipientLog recipient = recipients.get(to);
            if (recipient == null) {
                return List.of();
            }
            indexes = recipient.indexes();
            snapshot = new ArrayList<>(indexes.length);
            for (int index : indexes) {
                snapshot.add(messages.get(index));
            }
        }
        List<AcceptedMessage> views = new ArrayList<>(indexes.length);
        for (int position = 0; position < indexes.length; position++) {
            views.add(view(indexes[position] + 1L, snapshot.get(position)));
        }
        return views;
    }

    /** Up to {@code limit} messages with a sequence number greater than {@code after}. */
    List<AcceptedMessage> messagesAfter(long after, int limit) {
        long first = Math.max(0, after);
        List<StoredMessage> slice;
        synchronized (lock) {
            int from = (int) Math.min(first, messages.size());
            int to = (int) Math.min((long) from + limit, messages.size());
            slice = new ArrayList<>(messages.subList(from, to));
            first = from;
        }
        List<AcceptedMessage> views = new ArrayList<>(slice.size());
        for (int offset = 0; offset < slice.size(); offset++) {
            views.add(view(first + offset + 1, slice.get(offset)));
        }
        return views;
    }

    private int slideWindow(long now) {
        while (windowStart < messages.size()
                && messages.get(windowStart).acceptedAt() <= now - WINDOW_MILLIS) {
            windowStart++;
        }
        return messages.size() - windowStart;
    }

    private boolean tooSoonForPair(RecipientLog recipient, long now) {
        double rate = pairPerSecond;
        return rate > 0 && now - recipient.lastAcceptedAt < 1000.0 / rate;
    }

    private void recordLocked(StoredMessage stored, RecipientLog recipient, int inWindow) {
        recipient.add(messages.size(), stored.acceptedAt());
        messages.add(stored);
        maxPerSecond = Math.max(maxPerSecond, inWindow + 1);
        if (firstAcceptedAt == 0) {
            firstAcceptedAt = stored.acceptedAt();
        }
        lastAcceptedAt = stored.acceptedAt();
    }

    private AcceptedMessage view(long seq, StoredMessage stored) {
        StoredMessage.Unpacked unpacked = StoredMessage.unpack(stored.payload());
        String answer = stored.has(StoredMessage.ANSWER_LOST) ? "lost"
                : stored.has(StoredMessage.ANSWER_DELAYED) ? "delayed" : "ok";
        return new AcceptedMessage(seq, wamids.wamid(stored.to(), stored.nonce()), stored.to(),
                stored.template().name(), stored.template().language(), unpacked.parameters(),
                unpacked.bizOpaqueCallbackData(), stored.acceptedAt(),
                stored.has(StoredMessage.UNDELIVERABLE), answer);
    }

    /** The positions of one recipient's messages; the common single message needs no array. */
    private static final class RecipientLog {

        private final String to;
        private int count;
        private int firstIndex;
        private int[] laterIndexes;
        private long lastAcceptedAt;

        RecipientLog(String to) {
            this.to = to;
        }

        void add(int index, long acceptedAt) {
            if (count == 0) {
                firstIndex = index;
            } else {
                if (laterIndexes == null) {
                    laterIndexes = new int[2];
                } else if (laterIndexes.length < count) {
                    laterIndexes = Arrays.copyOf(laterIndexes, laterIndexes.length * 2);
                }
                laterIndexes[count - 1] = index;
            }
            count++;
            lastAcceptedAt = acceptedAt;
        }

        int[] indexes() {
            int[] all = new int[count];
            if (count > 0) {
                all[0] = firstIndex;
            }
            if (count > 1) {
                System.arraycopy(laterIndexes, 0, all, 1, count - 1);
            }
            return all;
        }
    }
}
