// Command sarama-peer writes records to Kafka with sarama, the Go client whose API the extension follows, so that the
// benchmark can compare the extension with it against the same broker in the same run.
//
// It prints one line: records=N failed=F seconds=S records_per_sec=R. The time runs from before the client connects
// until its producer is closed: connecting is part of the figure, a few milliseconds on a local broker.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/Shopify/sarama"
)

func main() {
	brokers := flag.String("brokers", "127.0.0.1:9092", "bootstrap brokers, host:port[,host:port...]")
	topic := flag.String("topic", "sarama-peer", "the topic to write to")
	records := flag.Int("n", 100000, "how many records to write")
	size := flag.Int("size", 100, "the size of each value, in bytes")
	mode := flag.String("mode", "async", "async (AsyncProducer), sync (SendMessage per record) or syncbatch (SendMessages)")
	batch := flag.Int("batch", 500, "records per SendMessages call, in syncbatch mode")
	flag.Parse()

	config := sarama.NewConfig()
	// The oldest protocol that Kafka 4 brokers still accept is that of Kafka 2.1.
	config.Version = sarama.V2_1_0_0
	config.Producer.RequiredAcks = sarama.WaitForAll
	config.Producer.Return.Successes = true
	config.Producer.Return.Errors = true

	value := make([]byte, *size)
	for i := range value {
		value[i] = byte('a' + i%26)
	}
	addresses := strings.Split(*brokers, ",")

	start := time.Now()
	var failed int
	var err error
	switch *mode {
	case "async":
		failed, err = writeAsync(addresses, config, *topic, value, *records)
	case "sync":
		failed, err = writeSync(addresses, config, *topic, value, *records, 1)
	case "syncbatch":
		failed, err = writeSync(addresses, config, *topic, value, *records, *batch)
	default:
		err = fmt.Errorf("unknown -mode %q: use async, sync or syncbatch", *mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sarama-peer:", err)
		os.Exit(1)
	}
	seconds := time.Since(start).Seconds()
	fmt.Printf("records=%d failed=%d seconds=%.3f records_per_sec=%.0f\n", *records, failed, seconds,
		float64(*records-failed)/seconds)
}

// writeAsync hands every record to an AsyncProducer and counts the failures it reports, until it closed.
func writeAsync(brokers []string, config *sarama.Config, topic string, value []byte, records int) (int, error) {
	producer, err := sarama.NewAsyncProducer(brokers, config)
	if err != nil {
		return 0, err
	}
	failed := 0
	var drained sync.WaitGroup
	drained.Add(2)
	go func() {
		defer drained.Done()
		for range producer.Successes() {
		}
	}()
	go func() {
		defer drained.Done()
		for range producer.Errors() {
			failed++
		}
	}()
	for i := 0; i < records; i++ {
		producer.Input() <- &sarama.ProducerMessage{Topic: topic, Value: sarama.ByteEncoder(value)}
	}
	producer.AsyncClose() // delivers what is buffered, then closes both channels
	drained.Wait()
	return failed, nil
}

// writeSync sends with a SyncProducer, one record a call or perCall records a SendMessages call.
func writeSync(brokers []string, config *sarama.Config, topic string, value []byte, records, perCall int) (int, error) {
	producer, err := sarama.NewSyncProducer(brokers, config)
	if err != nil {
		return 0, err
	}
	failed := 0
	for sent := 0; sent < records; sent += perCall {
		count := perCall
		if records-sent < count {
			count = records - sent
		}
		if count == 1 {
			if _, _, err := producer.SendMessage(&sarama.ProducerMessage{Topic: topic, Value: sarama.ByteEncoder(value)}); err != nil {
				failed++
			}
			continue
		}
		messages := make([]*sarama.ProducerMessage, count)
		for i := range messages {
			messages[i] = &sarama.ProducerMessage{Topic: topic, Value: sarama.ByteEncoder(value)}
		}
		if err := producer.SendMessages(messages); err != nil {
			if errs, ok := err.(sarama.ProducerErrors); ok {
				failed += len(errs)
			} else {
				failed += count
			}
		}
	}
	return failed, producer.Close()
}
