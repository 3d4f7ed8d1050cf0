package io.quarkiverse.kafkaproducer.benchmarks;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A closed-loop load generator: {@code concurrency} clients, each on a kept-alive connection of its own, send
 * {@code POST /records} with a value as body, wait for the answer, and send the next. An answer counts as delivered when
 * its status is 200 and its body is an offset. Latency is taken from the request's start to the answer's last byte.
 */
final class HttpLoad implements AutoCloseable {

    private final Vertx vertx;
    private final HttpClient client;
    private final int port;
    private final int concurrency;

    HttpLoad(int port, int concurrency) {
        this.port = port;
        this.concurrency = concurrency;
        this.vertx = Vertx.vertx();
        this.client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(concurrency));
    }

    /** The figures of one run. */
    record Result(long requests, long failed, double seconds, double p50Micros, double p99Micros, String firstFailure) {
    }

    /** Waits until the endpoint answers one request with an offset, or throws after the timeout. */
    void awaitReady(byte[] body, long timeoutMillis, ProcessHandle app) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the application stopped before it answered: " + last);
            }
            try {
                String answer = send(body).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                Long.parseLong(answer);
                return;
            } catch (Exception e) {
                last = String.valueOf(e.getMessage());
                Thread.sleep(200); // polling a process that is starting: there is no event to wait for
            }
        }
        throw new IllegalStateException("the application did not answer within " + timeoutMillis + " ms: " + last);
    }

    /** Sends {@code requests} requests, cycling through the bodies, and waits for every answer. */
    Result run(int requests, byte[][] bodies) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CompletableFuture<String> firstFailure = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long start = System.nanoTime();
        for (int i = 0; i < Math.min(concurrency, requests); i++) {
            next(requests, bodies, latencies, issued, answered, failed, firstFailure, done);
        }
        done.get(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(requests, failed.get(), seconds, latencies[requests / 2] / 1e3,
                latencies[(int) Math.min(requests - 1, Math.ceil(requests * 0.99) - 1)] / 1e3,
                firstFailure.getNow(null));
    }

    private void next(int requests, byte[][] bodies, long[] latencies, AtomicInteger issued, AtomicInteger answered,
            AtomicInteger failed, CompletableFuture<String> firstFailure, CompletableFuture<Void> done) {
        int index = issued.getAndIncrement();
        if (index >= requests) {
            return;
        }
        long started = System.nanoTime();
        send(bodies[index & (bodies.length - 1)]).onComplete(answer -> {
            latencies[index] = System.nanoTime() - started;
            if (answer.failed() || !isOffset(answer.result())) {
                failed.incrementAndGet();
                firstFailure.complete(answer.failed() ? String.valueOf(answer.cause()) : "answer '" + answer.result() + "'");
            }
            if (answered.incrementAndGet() == requests) {
                done.complete(null);
            } else {
                next(requests, bodies, latencies, issued, answered, failed, firstFailure, done);
            }
        });
    }

    private Future<String> send(byte[] body) {
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI("/records").putHeader("Content-Type", "application/octet-stream"))
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(bytes -> status(response, bytes.toString())));
    }

    private static String status(HttpClientResponse response, String body) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode() + ": " + body);
        }
        return body;
    }

    private static boolean isOffset(String body) {
        try {
            return Long.parseLong(body.trim()) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
