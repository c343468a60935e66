package dev.apigw.gateway.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends raw bytes, so tests can send what well-behaved HTTP clients refuse to. */
final class RawHttp {

    private RawHttp() {}

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

    static byte[] get(String path, String... headerLines) {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return request.toString().getBytes(StandardCharsets.ISO_8859_1);
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
