package dev.streamrules.udfs.ecs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A record that could not become an event, with the reason and enough of the original to find and
 * fix it. The original text is capped so a hostile 1 GiB line cannot blow up the dead-letter topic.
 */
public class DeadLetter {

    /** At most this many characters of the original record are kept. */
    public static final int MAX_ORIGINAL_CHARS = 4096;

    private String source;
    private int partition = RawRecord.NO_PARTITION;
    private long position;
    private String reason;
    private String original;
    private boolean originalTruncated;

    public DeadLetter() {}

    public DeadLetter(
            String source, int partition, long position, String reason, String original, boolean originalTruncated) {
        this.source = source;
        this.partition = partition;
        this.position = position;
        this.reason = reason;
        this.original = original;
        this.originalTruncated = originalTruncated;
    }

    /** Dead letter for a raw record, keeping a capped, lossily decoded copy of its bytes. */
    public static DeadLetter of(RawRecord record, String reason) {
        byte[] bytes = record.getPayload() == null ? new byte[0] : record.getPayload();
        String text = decodeLossy(bytes);
        boolean cut = record.isTruncated() || text.length() > MAX_ORIGINAL_CHARS;
        if (text.length() > MAX_ORIGINAL_CHARS) {
            // never cut a surrogate pair in half: a lone surrogate is not valid text in the JSON output
            int end = Character.isHighSurrogate(text.charAt(MAX_ORIGINAL_CHARS - 1))
                    ? MAX_ORIGINAL_CHARS - 1
                    : MAX_ORIGINAL_CHARS;
            text = text.substring(0, end);
        }
        return new DeadLetter(record.getSource(), record.getPartition(), record.getPosition(), reason, text, cut);
    }

    /** Invalid UTF-8 is shown with replacement characters: the reason already says it was invalid. */
    private static String decodeLossy(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Where the record came from, e.g. {@code events.ndjson:12} or {@code topic/3@1042}. */
    public String origin() {
        return RawRecord.origin(source, partition, position);
    }

    /**
     * One {@link DeadLetterJson} object of kind {@value DeadLetterJson#KIND_EVENT}: file records carry
     * {@code file/line}, Kafka records {@code topic/partition/offset}.
     */
    public String toJson() {
        return DeadLetterJson.write(
                DeadLetterJson.KIND_EVENT,
                node -> {
                    if (partition == RawRecord.NO_PARTITION) {
                        node.put("file", source);
                        node.put("line", position);
                    } else {
                        node.put("topic", source);
                        node.put("partition", partition);
                        node.put("offset", position);
                    }
                },
                reason,
                original,
                originalTruncated);
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public int getPartition() {
        return partition;
    }

    public void setPartition(int partition) {
        this.partition = partition;
    }

    public long getPosition() {
        return position;
    }

    public void setPosition(long position) {
        this.position = position;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getOriginal() {
        return original;
    }

    public void setOriginal(String original) {
        this.original = original;
    }

    public boolean isOriginalTruncated() {
        return originalTruncated;
    }

    public void setOriginalTruncated(boolean originalTruncated) {
        this.originalTruncated = originalTruncated;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter that = (DeadLetter) o;
        return partition == that.partition
                && position == that.position
                && originalTruncated == that.originalTruncated
                && Objects.equals(source, that.source)
                && Objects.equals(reason, that.reason)
                && Objects.equals(original, that.original);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, partition, position, reason);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
