package dev.blogdb.db;

import dev.blogdb.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.function.Function;

/**
 * Encodes the position of a keyset page as an opaque string, and reads it back. A cursor names its
 * listing, so one issued for the feed is refused by the author listing; anything else a caller
 * makes up is an {@link InvalidInputException} on the field {@code cursor}.
 */
public final class KeysetCursor {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Within PostgreSQL's timestamptz range (4713 BC to 294276 AD, whose end a long of microseconds cannot reach). */
    private static final long EARLIEST_MICROS = micros(OffsetDateTime.parse("-4712-01-01T00:00:00Z"));
    private static final long LATEST_MICROS = micros(OffsetDateTime.parse("+99999-12-31T23:59:59Z"));

    private KeysetCursor() {
    }

    /** A cursor for {@code listing} positioned at the given key values. */
    public static String encode(String listing, long... key) {
        StringBuilder text = new StringBuilder(listing);
        for (long part : key) {
            text.append(':').append(part);
        }
        return ENCODER.encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position that a cursor {@link #encode} made for {@code listing} names, built from its key
     * values by {@code toPosition}.
     *
     * @throws InvalidInputException if it is not such a cursor, or {@code toPosition} refuses its values
     */
    public static <T> T decode(String listing, String cursor, int keyLength, Function<long[], T> toPosition) {
        try {
            String[] parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != keyLength + 1 || !parts[0].equals(listing)) {
                throw notACursor(listing);
            }
            long[] key = new long[keyLength];
            for (int i = 0; i < keyLength; i++) {
                key[i] = Long.parseLong(parts[i + 1]);
            }
            return toPosition.apply(key);
        } catch (IllegalArgumentException e) { // bad Base64, a bad number, or an id that cannot be
            throw notACursor(listing);
        }
    }

    /** A timestamp as a cursor key part, to PostgreSQL's precision of one microsecond. */
    public static long micros(OffsetDateTime timestamp) {
        // Not ChronoUnit.MICROS.between: it counts nanoseconds, which overflow a long after 2262.
        Instant instant = timestamp.toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * The timestamp that {@link #micros} encoded.
     *
     * @throws IllegalArgumentException if it lies outside what PostgreSQL's timestamptz holds, as
     *                                  only a forged cursor's can: it must fail here, before any SQL
     */
    public static OffsetDateTime timestamp(long micros) {
        if (micros < EARLIEST_MICROS || micros > LATEST_MICROS) {
            throw new IllegalArgumentException("timestamp out of range: " + micros);
        }
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static InvalidInputException notACursor(String listing) {
        return new InvalidInputException("cursor", "must be a cursor that blogdb returned for the " + listing + " listing");
    }
}
