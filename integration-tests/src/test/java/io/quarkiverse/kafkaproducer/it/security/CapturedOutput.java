package io.quarkiverse.kafkaproducer.it.security;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything written to {@code System.out} and {@code System.err} from the moment it is installed, still passed on to
 * the original streams. Installed before the application starts, it sees the console log handler's output, which
 * holds the stream it found at start, and anything a library prints directly.
 */
final class CapturedOutput {

    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static boolean installed;

    private CapturedOutput() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        System.setOut(new PrintStream(new Tee(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err), true, StandardCharsets.UTF_8));
    }

    static String text() {
        synchronized (CAPTURED) {
            return CAPTURED.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            synchronized (CAPTURED) {
                CAPTURED.write(b);
            }
            try {
                original.write(b);
            } catch (java.io.IOException e) {
                // the original stream is gone; the capture goes on
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (CAPTURED) {
                CAPTURED.write(b, off, len);
            }
            try {
                original.write(b, off, len);
            } catch (java.io.IOException e) {
                // the original stream is gone; the capture goes on
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            original.flush();
        }
    }
}
