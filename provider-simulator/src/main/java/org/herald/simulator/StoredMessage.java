package org.herald.simulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact form in which the ledger keeps an accepted message: about 150 bytes with two short
 * parameters and a callback id, so a million messages fit in a few hundred MB. The wamid is not
 * stored but derived from the nonce; the recipient string and the template are shared.
 */
record StoredMessage(long nonce, long acceptedAt, String to, Template template, byte[] payload,
        byte flags) {

    static final byte UNDELIVERABLE = 1;
    static final byte ANSWER_DELAYED = 2;
    static final byte ANSWER_LOST = 4;

    private static final byte[] EMPTY = new byte[0];

    boolean has(byte flag) {
        return (flags & flag) != 0;
    }

    List<String> parameters() {
        return unpack(payload).parameters();
    }

    String bizOpaqueCallbackData() {
        return unpack(payload).bizOpaqueCallbackData();
    }

    /** Packs the parameters and callback data as modified UTF-8, each with a length prefix. */
    static byte[] pack(List<String> parameters, String bizOpaqueCallbackData) {
        if (parameters.isEmpty() && bizOpaqueCallbackData == null) {
            return EMPTY;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(parameters.size());
            for (String parameter : parameters) {
                out.writeUTF(parameter);
            }
            out.writeBoolean(bizOpaqueCallbackData != null);
            if (bizOpaqueCallbackData != null) {
                out.writeUTF(bizOpaqueCallbackData);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Unpacked unpack(byte[] payload) {
        if (payload.length == 0) {
            return new Unpacked(List.of(), null);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int count = in.readUnsignedByte();
            List<String> parameters = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                parameters.add(in.readUTF());
            }
            String callbackData = in.readBoolean() ? in.readUTF() : null;
            return new Unpacked(List.copyOf(parameters), callbackData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Unpacked(List<String> parameters, String bizOpaqueCallbackData) {
    }
}
