package io.quarkiverse.kafkaproducer.runtime.engine;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;

/** The size the telemetry reports for a record. */
public final class RecordSize {

    private RecordSize() {
    }

    /** Bytes as written: key, value, and each header's UTF-8 key and value. */
    public static int of(ProducerRecord<byte[], byte[]> record) {
        int size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        // toArray, not the iterator: it allocates nothing for a record without headers, the usual case
        for (Header header : record.headers().toArray()) {
            size += Utils.utf8Length(header.key()) + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
