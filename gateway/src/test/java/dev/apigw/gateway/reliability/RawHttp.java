package dev.apigw.gateway.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Sends raw bytes, so tests can send what well-behaved HTTP clients refuse to. */
final class RawHttp {

    private RawHttp() {}

    /** A whole response, read until the server closed the connection; status -1 when there was none. */
    record Response(int status, String head, String body) {

        /** The value of the first header named {@code name} (any case), or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /**
     * The status code of the response to {@code request}, or -1 if the server closed the connection
     * without one. A server that neither answers nor closes within 10 s fails the test: a hang is never
     * an answer.
     */
    static int status(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String head = readHead(socket.getInputStream());
            if (head.isEmpty()) {
                return -1;
            }
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    /** The whole response to {@code request} (which should say {@code Connection: close}). */
    static Response exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed within 10 s", e);
            } catch (IOException reset) {
                // what was read before a reset is the answer
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (text.length() < 12 || end < 0) {
                return new Response(-1, text, "");
            }
            return new Response(
                    Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
        }
    }

    static byte[] get(String path, String... headerLines) {
        return request(path, headerLines).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A GET whose request target goes as UTF-8 bytes: non-ASCII characters raw on the request line. */
    static byte[] getUtf8(String path, String... headerLines) {
        return request(path, headerLines).getBytes(StandardCharsets.UTF_8);
    }

    private static String request(String path, String... headerLines) {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("Connection: close\r\n\r\n").toString();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                if (head.size() >= 12
                        && head.toString(StandardCharsets.ISO_8859_1).contains("\r\n")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 10 s", e);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
