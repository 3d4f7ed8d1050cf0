package io.quarkiverse.kafkaproducer.runtime.dev;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import io.quarkiverse.kafkaproducer.ProducerException;
import io.quarkiverse.kafkaproducer.runtime.cdi.ProducerRegistry;
import io.quarkiverse.kafkaproducer.runtime.cdi.SerializerFactory;
import io.quarkiverse.kafkaproducer.runtime.engine.FactoryProducers;
import io.quarkiverse.kafkaproducer.runtime.engine.PendingRecord;
import io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine;
import io.quarkiverse.kafkaproducer.runtime.transactions.TransactionalEngine;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;

/**
 * The Dev UI card's back end (JSON-RPC): the producers and their settings, live figures, recent failures, the broker
 * and its topics, and a send form. Dev mode only. Secrets are masked, and no key or value ever leaves except the
 * answer to the form's own send, which does not include them either.
 */
@Singleton
public class KafkaProducerJsonRpcService {

    /** Config keys that the Dev Services add beside {@code kafka.bootstrap.servers}. */
    public static final String DEV_SERVICES_LOG = "kafka-producer-devservices.log-file";
    public static final String DEV_SERVICES_STARTED = "kafka-producer-devservices.started-at";

    /** The source of every setting of a producer built with the factory. */
    static final String FACTORY_SOURCE = "KafkaProducers options, or their defaults";

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ProducerRegistry registry;

    @Inject
    DevFigures figures;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    Config config;

    /** The producers the application injects, started or not, and those it built with the factory and started. */
    @NonBlocking
    public List<ProducerView> getProducers() {
        Map<String, ProducerView> views = new TreeMap<>();
        SettingSources sources = new SettingSources(config);
        Map<String, ProducerEngine> engines = registry.engines();
        Map<String, TransactionalEngine> transactional = registry.transactionalEngines();
        for (InjectedProducers.InjectionPoint point : InjectedProducers.all()) {
            views.computeIfAbsent(point.producer(), key -> view(point.type(), point.name(), engines, transactional,
                    sources)).types().add(new TypesView(point.keyType(), point.valueType(), point.keySerializer(),
                            point.valueSerializer()));
        }
        engines.forEach((key, engine) -> views.computeIfAbsent(key,
                k -> view(engine.type().tagValue(), engine.name(), engines, transactional, sources)));
        transactional.forEach((name, engine) -> views.computeIfAbsent("transactional/" + name,
                k -> view("transactional", name, engines, transactional, sources)));
        // built with KafkaProducers: configured by its options, not by application.properties
        FactoryProducers.running().forEach((id, engine) -> views.put(id, view(id, id.substring(0, id.indexOf('/')),
                id.substring(id.indexOf('/') + 1), engine, property -> FACTORY_SOURCE)));
        return List.copyOf(views.values());
    }

    /**
     * What the send form takes for a producer: its key and value types, and for a JSON value the fields it expects.
     */
    @NonBlocking
    public ShapeView getShape(String producer) {
        InjectedProducers.InjectionPoint point = injected(producer);
        if (point == null) {
            throw new IllegalArgumentException("No sync, async or reactive producer '" + producer + "' is injected");
        }
        String shape = null;
        if (SerializerFactory.JSON.equals(point.valueSerializer())) {
            try {
                shape = jsonProperties(point.valueType()).stream()
                        .map(property -> "\"" + property.getName() + "\": " + property.getRawPrimaryType().getSimpleName())
                        .collect(Collectors.joining(", ", "{", "}"));
            } catch (ClassNotFoundException e) {
                shape = null;
            }
        }
        return new ShapeView(point.keyType(), point.valueType(), shape);
    }

    private static InjectedProducers.InjectionPoint injected(String producer) {
        return InjectedProducers.all().stream()
                .filter(candidate -> candidate.producer().equals(producer) && !candidate.type().equals("transactional"))
                .findFirst().orElse(null);
    }

    /** The live figures of every producer that settled a record: totals, the last seconds, its queue. */
    @NonBlocking
    public List<LiveView> getLive() {
        Map<String, ProducerEngine> engines = new TreeMap<>(registry.engines());
        FactoryProducers.running().forEach((id, engine) -> {
            if (engine instanceof ProducerEngine producer) {
                engines.put(id, producer);
            }
        });
        List<LiveView> live = new ArrayList<>();
        figures.figures().forEach((producer, figures) -> {
            ProducerEngine engine = engines.get(producer);
            live.add(new LiveView(producer, figures.delivered(), figures.failed(), figures.bytes(),
                    engine == null ? 0 : engine.queuedRecords(), figures.seconds()));
        });
        return live;
    }

    /** {@link #getLive()} every second, for the card's counters and charts. */
    public Multi<List<LiveView>> streamLive() {
        return Multi.createFrom().ticks().every(Duration.ofSeconds(1)).map(tick -> getLive());
    }

    /** The last 100 failures reported to the error loggers, newest first. */
    @NonBlocking
    public List<DevFigures.Failure> getFailures() {
        return figures.failures();
    }

    /** The cluster: the Dev Services broker, or the configured one, whether it is reachable, and its topics. */
    @Blocking
    public BrokerView getBroker() {
        String bootstrap = config.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("localhost:9092");
        String logFile = config.getOptionalValue(DEV_SERVICES_LOG, String.class).orElse(null);
        String startedAt = config.getOptionalValue(DEV_SERVICES_STARTED, String.class).orElse(null);
        try (Admin admin = admin()) {
            Collection<String> names = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new TreeMap<>(
                    (a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                            : a.topic().compareTo(b.topic()));
            descriptions.values().forEach(topic -> topic.partitions().forEach(
                    partition -> latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            var offsets = admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, TopicView> topics = new TreeMap<>();
            latest.keySet().forEach(partition -> topics
                    .computeIfAbsent(partition.topic(), name -> new TopicView(name, new ArrayList<>()))
                    .endOffsets().add(offsets.get(partition).offset()));
            return new BrokerView(bootstrap, logFile != null, true, null, logFile, startedAt,
                    List.copyOf(topics.values()));
        } catch (ExecutionException e) {
            return new BrokerView(bootstrap, logFile != null, false, e.getCause().getClass().getSimpleName(), logFile,
                    startedAt, List.of());
        } catch (TimeoutException e) {
            return new BrokerView(bootstrap, logFile != null, false, "not reachable within " + ADMIN_TIMEOUT, logFile,
                    startedAt, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the cluster for its topics", e);
        }
    }

    @Blocking
    public BrokerView createTopic(String topic, int partitions) throws Exception {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("A topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("A topic needs at least 1 partition, got " + partitions);
        }
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic.trim(), partitions, (short) 1))).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalArgumentException("Cannot create topic " + topic + ": " + e.getCause().getMessage());
        }
        return getBroker();
    }

    @Blocking
    public BrokerView deleteTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalArgumentException("Cannot delete topic " + topic + ": " + e.getCause().getMessage());
        }
        return getBroker();
    }

    /**
     * Sends one record through a started producer, converting key and value with that producer's own serializers, and
     * waits for the outcome.
     *
     * @param producer {@code <type>/<name>} of an injected sync, async or reactive producer
     * @param headers one {@code name: value} per line; may be empty
     * @return where the record landed, or why it failed; never the key or the value
     */
    @Blocking
    public SendAnswer send(String producer, String topic, String key, String value, String headers) {
        InjectedProducers.InjectionPoint point = injected(producer);
        if (point == null) {
            return SendAnswer.failed("No sync, async or reactive producer '" + producer + "' is injected");
        }
        if (topic == null || topic.isBlank()) {
            return SendAnswer.failed("Enter a topic");
        }
        ProducerEngine engine = registry.engines().get(producer);
        if (engine == null) {
            // injected, but not used yet: start it as the application's first call would
            startProducer(point);
            engine = registry.engines().get(producer);
        }
        ProducerRecord<byte[], byte[]> record;
        try {
            RecordHeaders recordHeaders = headers(headers);
            byte[] keyBytes = key == null || key.isEmpty() ? null
                    : serialize(point.keySerializer(), point.keyType(), true, topic, recordHeaders, key, engine);
            byte[] valueBytes = serialize(point.valueSerializer(), point.valueType(), false, topic, recordHeaders,
                    value == null ? "" : value, engine);
            record = new ProducerRecord<>(topic.trim(), null, null, keyBytes, valueBytes, recordHeaders);
        } catch (IllegalArgumentException e) {
            return SendAnswer.failed(e.getMessage());
        }
        PendingRecord pending = engine.sendAwaited(record);
        try {
            if (!pending.await(System.nanoTime() + SEND_TIMEOUT.toNanos())) {
                return SendAnswer.failed("No answer within " + SEND_TIMEOUT + "; the record may still be delivered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendAnswer.failed("Interrupted while waiting for the broker");
        }
        if (pending.error() != null) {
            ProducerException error = pending.error();
            Throwable cause = error.getCause();
            return SendAnswer.failed(error.getMessage()
                    + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"));
        }
        RecordMetadata metadata = pending.metadata();
        return new SendAnswer(true, metadata.topic(), metadata.partition(), metadata.offset(),
                java.time.Instant.ofEpochMilli(metadata.timestamp()).toString(), null);
    }

    private void startProducer(InjectedProducers.InjectionPoint point) {
        String name = point.name();
        switch (point.type()) {
            case "sync" -> registry.syncProducer(configName(name), point.keySerializer(), point.valueSerializer());
            case "async" -> registry.asyncProducer(configName(name), point.keySerializer(), point.valueSerializer());
            case "reactive" -> registry.reactiveProducer(configName(name), point.keySerializer(), point.valueSerializer());
            default -> throw new IllegalArgumentException("Cannot send through a " + point.type() + " producer");
        }
    }

    private static String configName(String name) {
        return io.quarkiverse.kafkaproducer.KafkaProducers.DEFAULT_NAME.equals(name)
                ? io.quarkiverse.kafkaproducer.runtime.config.KafkaProducerRuntimeConfig.DEFAULT_PRODUCER
                : name;
    }

    private byte[] serialize(String serializerName, String type, boolean isKey, String topic, RecordHeaders headers,
            String text, ProducerEngine engine) {
        String what = isKey ? "key" : "value";
        Object converted;
        try {
            converted = convert(serializerName, type, text);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(reference -> reference.getFieldName() != null
                    ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]").reduce((a, b) -> a + "." + b).orElse(null);
            throw new IllegalArgumentException("The " + what + " is not a " + type
                    + (field == null ? "" : ": field '" + field + "'") + ": " + e.getOriginalMessage());
        } catch (Exception e) {
            throw new IllegalArgumentException("The " + what + " is not a " + type + ": " + e.getMessage(), e);
        }
        Serializer<Object> serializer = new SerializerFactory(() -> objectMapper).create(serializerName, isKey,
                engine.kafkaConfig());
        try {
            return serializer.serialize(topic, headers, converted);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The " + what + "'s serializer refused it: " + e.getMessage());
        } finally {
            serializer.close();
        }
    }

    private static Class<?> jsonType(String type) throws ClassNotFoundException {
        return Class.forName(type, false, Thread.currentThread().getContextClassLoader());
    }

    /** The fields that the application's Jackson reads for a JSON type: the shape the form shows, and checks. */
    private List<BeanPropertyDefinition> jsonProperties(String type) throws ClassNotFoundException {
        return objectMapper.getDeserializationConfig().introspect(objectMapper.constructType(jsonType(type)))
                .findProperties();
    }

    /** Turns the form's text into the declared type, as the application would hand it to the producer. */
    private Object convert(String serializerName, String type, String text) throws Exception {
        if (SerializerFactory.JSON.equals(serializerName)) {
            Class<?> target = jsonType(type);
            JsonNode tree = objectMapper.readTree(text);
            if (tree != null && tree.isObject()) {
                // named first: Jackson would complain about a missing field before the misspelt one
                Set<String> known = jsonProperties(type).stream()
                        .map(BeanPropertyDefinition::getName).collect(Collectors.toSet());
                Iterator<String> fields = tree.fieldNames();
                while (fields.hasNext()) {
                    String field = fields.next();
                    if (!known.contains(field)) {
                        throw new IllegalArgumentException("field '" + field + "' is unknown; the fields are "
                                + new TreeSet<>(known));
                    }
                }
            }
            return objectMapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(text, target);
        }
        return switch (type) {
            case "java.lang.Integer" -> Integer.valueOf(text.trim());
            case "java.lang.Long" -> Long.valueOf(text.trim());
            case "java.lang.Short" -> Short.valueOf(text.trim());
            case "java.lang.Double" -> Double.valueOf(text.trim());
            case "java.lang.Float" -> Float.valueOf(text.trim());
            case "java.util.UUID" -> java.util.UUID.fromString(text.trim());
            case "byte[]" -> text.getBytes(StandardCharsets.UTF_8);
            case "java.nio.ByteBuffer" -> java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            case "org.apache.kafka.common.utils.Bytes" -> org.apache.kafka.common.utils.Bytes.wrap(
                    text.getBytes(StandardCharsets.UTF_8));
            default -> text;
        };
    }

    private static RecordHeaders headers(String text) {
        RecordHeaders headers = new RecordHeaders();
        if (text == null) {
            return headers;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("A header is 'name: value', one per line; got a line without a name");
            }
            headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private ProducerView view(String type, String name, Map<String, ProducerEngine> engines,
            Map<String, TransactionalEngine> transactional, SettingSources sources) {
        Object engine = type.equals("transactional") ? transactional.get(name) : engines.get(type + "/" + name);
        return view(type + "/" + name, type, name, engine, property -> sources.sourceOf(type, name, property));
    }

    /** @param engine a {@link ProducerEngine}, a {@link TransactionalEngine}, or null when not started */
    private static ProducerView view(String id, String type, String name, Object engine,
            Function<String, String> source) {
        Map<String, Object> kafkaConfig = null;
        String clientId = null;
        if (engine instanceof ProducerEngine producer) {
            kafkaConfig = producer.kafkaConfig();
            clientId = producer.clientId();
        } else if (engine instanceof TransactionalEngine producer) {
            kafkaConfig = producer.kafkaConfig();
            clientId = producer.clientId();
        }
        List<SettingView> settings = new ArrayList<>();
        if (kafkaConfig != null) {
            new TreeMap<>(kafkaConfig).forEach((property, value) -> settings.add(new SettingView(property,
                    SecretMask.value(property, value), source.apply(property))));
        }
        return new ProducerView(id, type, name, clientId, kafkaConfig != null, new ArrayList<>(), settings);
    }

    private Admin admin() {
        Map<String, Object> settings = new TreeMap<>();
        for (String property : AdminClientConfig.configNames()) {
            config.getOptionalValue("kafka." + property, String.class).ifPresent(value -> settings.put(property, value));
        }
        settings.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-producer-dev-ui");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(settings);
    }

    /** A producer: what the build found at its injection points, and, once started, its effective settings. */
    public record ProducerView(String id, String type, String name, String clientId, boolean started,
            List<TypesView> types, List<SettingView> settings) {
    }

    public record ShapeView(String keyType, String valueType, String valueShape) {
    }

    public record TypesView(String keyType, String valueType, String keySerializer, String valueSerializer) {
    }

    /** One effective Kafka client property, masked when secret, with the configuration key that set it. */
    public record SettingView(String property, String value, String source) {
    }

    public record LiveView(String producer, long delivered, long failed, long bytes, int queued,
            List<DevFigures.Second> seconds) {
    }

    public record TopicView(String name, List<Long> endOffsets) {
    }

    public record BrokerView(String bootstrapServers, boolean devServices, boolean reachable, String problem,
            String logFile, String startedAt, List<TopicView> topics) {
    }

    public record SendAnswer(boolean delivered, String topic, int partition, long offset, String timestamp,
            String error) {

        static SendAnswer failed(String error) {
            return new SendAnswer(false, null, -1, -1, null, error);
        }
    }
}
