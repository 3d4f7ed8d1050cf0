/**
 * The engine behind every producer, whatever its face (sync, async), injected or made by the factory: one Kafka
 * client of byte arrays, records that never make a caller wait for the broker, and exactly one outcome per record.
 * {@link io.quarkiverse.kafkaproducer.runtime.engine.ProducerEngine} is its only entry point; the stages behind it are
 * package-private, as Kafka keeps its accumulator and sender behind {@code KafkaProducer}.
 *
 * <h2>The life of a record</h2>
 * Each stage hands the record to the next; none calls back into an earlier one.
 * <ol>
 * <li><b>Send.</b> A face validates and serializes the record on the caller's thread (bad input throws there and
 * nothing is sent), then calls {@code ProducerEngine.send}. The engine gives the record its {@link Delivery}: the
 * Kafka callback of the record and the one place its outcome is decided. With tracing, the record gets a copy of its
 * headers and a span, whose context goes into them; its size is taken after that, so that it counts what is
 * written.</li>
 * <li><b>Fast path or lot.</b> The {@link ParkingLot} sends the record straight to the {@link ClientGate} when
 * nothing waits, which costs one volatile read. When records of its topic wait, the record queues behind them, so
 * that each topic keeps its order; when the gate refuses it, it queues.</li>
 * <li><b>Gate.</b> The client runs with {@code max.block.ms=0}: what it cannot do at once (no metadata for the topic
 * yet, buffer full) it answers inside {@code send}, on the caller's thread, through the record's callback. The gate
 * tells "entered", "refused for now" (the lot keeps the record) and "failed" (a refusal that waiting cannot cure: not
 * authorized, a partition the topic does not have, a failed login) apart.</li>
 * <li><b>Lot.</b> One FIFO queue per topic, bounded per topic and for all topics in records and bytes; a daemon thread
 * offers each queue's head to the gate every few milliseconds, and callers that send to a waiting topic help. A
 * record waits at most a third of {@code delivery-timeout}; then it fails. Flush and close wait here first.</li>
 * <li><b>Callback.</b> The client's network thread calls the record's {@link Delivery} once the broker answered or
 * the client gave up (its {@code delivery.timeout.ms} is the rest of {@code delivery-timeout}).</li>
 * <li><b>Settle.</b> The {@link Settler} claims the delivery (exactly once, whichever path got there first), ends the
 * span, and builds the {@code ProducerException} of a failure.</li>
 * <li><b>Report.</b> The {@link Reporter} gives the telemetry the record's latency and size and the error logger
 * its failure; what they throw is logged and swallowed. Then whoever waits learns the outcome: the sync caller's
 * thread is unparked, or a batch's listener counts it.</li>
 * </ol>
 * Close refuses new records, gives queued and buffered ones the close timeout, fails what is left through the same
 * settle and report stages, then closes the client and the resources its faces gave it (their serializers).
 */
package io.quarkiverse.kafkaproducer.runtime.engine;
