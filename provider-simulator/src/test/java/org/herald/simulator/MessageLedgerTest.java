package org.herald.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageLedgerTest {

    private static final Template TEMPLATE = TemplateCatalog.seeded().find("hr_announcement",
            "en_US");

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final MessageLedger ledger = new MessageLedger(clock::get);

    @Test
    void maxPerSecondCountsAnySlidingSecondNotCalendarSeconds() {
        for (long at : new long[] {1_000_000, 1_000_100, 1_000_900, 1_001_000, 1_001_050}) {
            clock.set(at);
            ledger.admit(request("4915100000001", "d-" + at), (byte) 0);
        }

        LedgerStats stats = ledger.stats();

        assertEquals(4, stats.maxPerSecond());
        assertEquals(1_000_000, stats.firstAcceptedAt());
        assertEquals(1_001_050, stats.lastAcceptedAt());
        assertEquals(4, stats.duplicates());
    }

    @Test
    void throughputLimitFreesCapacityAsTheWindowSlides() {
        ledger.limitThroughput(2);
        ledger.admit(request("4915100000001", null), (byte) 0);
        clock.addAndGet(10);
        ledger.admit(request("4915100000002", null), (byte) 0);
        clock.addAndGet(10);

        ApiError refused = assertThrows(ApiError.class,
                () -> ledger.admit(request("4915100000003", null), (byte) 0));
        clock.set(1_001_001);
        ledger.admit(request("4915100000003", null), (byte) 0);

        assertEquals(130429, refused.code());
        assertEquals(3, ledger.stats().accepted());
    }

    @Test
    void storedMessagesKeepParametersAndCallbackData() {
        ledger.admit(request("4915100000001", "delivery-9"), StoredMessage.UNDELIVERABLE);

        AcceptedMessage message = ledger.messagesTo("4915100000001").get(0);

        assertEquals(List.of("Ada", "Sommerfest ünd mehr"), message.parameters());
        assertEquals("delivery-9", message.bizOpaqueCallbackData());
        assertEquals(true, message.undeliverable());
        assertEquals(1, message.seq());
        assertEquals(message.wamid(), ledger.messagesAfter(0, 10).get(0).wamid());
    }

    @Test
    void clearStartsSequenceNumbersAgainButNeverRepeatsWamids() {
        String before = ledger.admit(request("4915100000001", null), (byte) 0).wamid();

        ledger.clear();
        AcceptedMessage after = ledger.admit(request("4915100000001", null), (byte) 0);

        assertEquals(1, after.seq());
        assertEquals(1, ledger.stats().accepted());
        assertEquals(false, before.equals(after.wamid()));
    }

    private static SendRequest request(String to, String callbackData) {
        return new SendRequest(to, to, TEMPLATE, List.of("Ada", "Sommerfest ünd mehr"),
                callbackData);
    }
}
