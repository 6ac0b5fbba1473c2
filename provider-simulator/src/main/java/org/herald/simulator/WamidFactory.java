package org.herald.simulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes message ids shaped like the Cloud API's: {@code wamid.} followed by base64 of a small
 * binary record holding the recipient and an 18-character hex id. The id mixes a random run
 * prefix with a nonce, so ids are unique within a run and do not repeat across runs.
 */
final class WamidFactory {

    private static final byte[] MIDDLE = {0x15, 0x02, 0x00, 0x11, 0x18, 0x12};
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final long runId;
    private final int runTag;

    WamidFactory() {
        SecureRandom random = new SecureRandom();
        this.runId = random.nextLong();
        this.runTag = random.nextInt(256);
    }

    String wamid(String to, long nonce) {
        byte[] digits = to.getBytes(StandardCharsets.US_ASCII);
        String id = HEX.toHexDigits((byte) runTag) + HEX.toHexDigits(runId + nonce);
        byte[] record = new byte[3 + digits.length + MIDDLE.length + id.length() + 1];
        int position = 0;
        record[position++] = 0x1C;
        record[position++] = 0x18;
        record[position++] = (byte) digits.length;
        System.arraycopy(digits, 0, record, position, digits.length);
        position += digits.length;
        System.arraycopy(MIDDLE, 0, record, position, MIDDLE.length);
        position += MIDDLE.length;
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(idBytes, 0, record, position, idBytes.length);
        return "wamid." + Base64.getEncoder().encodeToString(record);
    }
}
