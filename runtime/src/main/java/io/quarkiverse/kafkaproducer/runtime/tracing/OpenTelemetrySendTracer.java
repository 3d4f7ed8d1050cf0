package io.quarkiverse.kafkaproducer.runtime.tracing;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * A producer span per record, following the OpenTelemetry messaging conventions: span name {@code <topic> publish},
 * kind {@code PRODUCER}, child of the sender's current context, with {@code messaging.system=kafka},
 * {@code messaging.destination.name}, {@code messaging.operation=publish}, {@code messaging.client_id},
 * {@code messaging.message.body.size}, and once the broker answered {@code messaging.destination.partition.id} and
 * {@code messaging.kafka.message.offset}; a failed record sets status ERROR, {@code error.type} and the exception.
 * The span's context is written into the record headers with the application's propagators (by default W3C
 * {@code traceparent} and {@code baggage}), replacing headers of the same names, so that a consumer continues the
 * trace.
 * <p>
 * A bean only when the application has {@code quarkus-opentelemetry} (see the deployment module's tracing processor):
 * this is the only class of the extension that uses OpenTelemetry types.
 */
@Singleton
public class OpenTelemetrySendTracer implements SendTracer {

    static final String INSTRUMENTATION_SCOPE = "io.quarkiverse.kafkaproducer";

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation");
    private static final AttributeKey<String> CLIENT_ID = AttributeKey.stringKey("messaging.client_id");
    private static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.message.offset");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private static final TextMapSetter<Headers> HEADERS = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    public OpenTelemetrySendTracer(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public Object start(ProducerRecord<byte[], byte[]> record, String clientId) {
        Context parent = Context.current();
        SpanBuilder builder = tracer.spanBuilder(record.topic() + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "publish")
                .setAttribute(CLIENT_ID, clientId);
        if (record.value() != null) {
            builder.setAttribute(BODY_SIZE, (long) record.value().length);
        }
        if (record.partition() != null) {
            builder.setAttribute(PARTITION, record.partition().toString());
        }
        Span span = builder.startSpan();
        propagator.inject(parent.with(span), record.headers(), HEADERS);
        return span;
    }

    @Override
    public void end(Object handle, RecordMetadata metadata, Exception error) {
        Span span = (Span) handle;
        if (metadata != null && metadata.partition() >= 0) {
            span.setAttribute(PARTITION, Integer.toString(metadata.partition()));
            if (metadata.hasOffset()) {
                span.setAttribute(OFFSET, metadata.offset());
            }
        }
        if (error != null) {
            // The Kafka exception's message names topics and partitions, never record contents.
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
            span.setAttribute(ERROR_TYPE, error.getClass().getName());
            span.recordException(error);
        }
        span.end();
    }
}
