package dev.streamrules.job.kafka;

import dev.streamrules.udfs.ecs.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka records become raw records with their coordinates and untouched bytes. Parsing happens
 * downstream, where failures become dead letters: a deserializer that throws would stop the job.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    private static final long serialVersionUID = 1L;

    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        // A null value (tombstone) is kept as an empty record so it is counted and dead-lettered.
        byte[] value = record.value() == null ? EMPTY : record.value();
        out.collect(RawRecord.kafka(record.topic(), record.partition(), record.offset(), value));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
