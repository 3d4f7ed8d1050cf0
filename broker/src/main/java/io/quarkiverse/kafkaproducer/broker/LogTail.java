package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a log file, for error messages. */
final class LogTail {

    /** Enough for the last stack trace of a failing broker without reading a big log whole. */
    private static final int MAX_BYTES = 32 * 1024;

    private LogTail() {
    }

    static String of(Path file, int lines) {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long length = log.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            log.seek(length - size);
            log.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
