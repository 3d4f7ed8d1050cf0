package io.quarkiverse.kafkaproducer.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers. Brokers listen on 127.0.0.1 only: nothing outside this machine can reach them. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /**
     * @return a port that was free a moment ago; another process may still take it before the broker binds it, in
     *         which case the broker fails to start with an error naming the port
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new KafkaClusterException("Cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws KafkaClusterException naming the port when it is taken on the loopback address
     */
    static void requireFree(int port, String purpose) {
        // SO_REUSEADDR, as the broker's own server socket: a port left in TIME_WAIT by a previous broker is free to it
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port), 1);
        } catch (IOException e) {
            throw new KafkaClusterException("Port " + port + " on " + HOST + " (" + purpose
                    + ") is already in use; choose another port or stop the process that listens on it", e);
        }
    }

    /** @return whether something accepts TCP connections on the port */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
