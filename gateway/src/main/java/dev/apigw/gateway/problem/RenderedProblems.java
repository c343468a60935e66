package dev.apigw.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;

/**
 * The body of each {@link GatewayProblem} with its own detail and no further members, encoded once at
 * start by the same JSON encoder that writes every other problem, around a placeholder for the request
 * id; a response then costs two array copies instead of a {@code ProblemDetail}, a response builder and
 * an encoding. These are the refusals a flood of bad credentials sets off, so they should cost the
 * least. Thread-safe (immutable).
 */
final class RenderedProblems {

    /** Stands for the request id while rendering: only characters that JSON strings keep as they are. */
    private static final String PLACEHOLDER = "request-id-placeholder-0c6f1e2a";

    /** By the problem's ordinal: the body's bytes before and after the request id. */
    private final byte[][][] parts = new byte[GatewayProblem.values().length][][];

    RenderedProblems(List<HttpMessageWriter<?>> writers) {
        Encoder<Object> encoder = problemEncoder(writers);
        for (GatewayProblem problem : GatewayProblem.values()) {
            parts[problem.ordinal()] =
                    split(render(encoder, ProblemWriter.body(problem, problem.detail(), Map.of(), PLACEHOLDER)));
        }
    }

    /**
     * The body for {@code problem} with {@code requestId}, which must hold only characters a JSON string
     * keeps as they are (a {@link RequestIdFilter} id: letters, digits, {@code .}, {@code _}, {@code -}).
     */
    byte[] body(GatewayProblem problem, String requestId) {
        byte[][] split = parts[problem.ordinal()];
        byte[] id = requestId.getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(split[0], split[0].length + id.length + split[1].length);
        System.arraycopy(id, 0, body, split[0].length, id.length);
        System.arraycopy(split[1], 0, body, split[0].length + id.length, split[1].length);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Encoder<Object> problemEncoder(List<HttpMessageWriter<?>> writers) {
        ResolvableType type = ResolvableType.forClass(ProblemDetail.class);
        for (HttpMessageWriter<?> writer : writers) {
            if (writer instanceof EncoderHttpMessageWriter<?> encoding
                    && writer.canWrite(type, MediaType.APPLICATION_PROBLEM_JSON)) {
                return (Encoder<Object>) encoding.getEncoder();
            }
        }
        throw new IllegalStateException("no encoder writes " + MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static byte[] render(Encoder<Object> encoder, ProblemDetail body) {
        DataBuffer buffer = encoder.encodeValue(
                body,
                DefaultDataBufferFactory.sharedInstance,
                ResolvableType.forClass(ProblemDetail.class),
                MediaType.APPLICATION_PROBLEM_JSON,
                Map.of());
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The bytes before and after the placeholder, which must occur exactly once. */
    private static byte[][] split(byte[] rendered) {
        String text = new String(rendered, StandardCharsets.UTF_8);
        int at = text.indexOf(PLACEHOLDER);
        if (at < 0 || text.indexOf(PLACEHOLDER, at + 1) >= 0) {
            throw new IllegalStateException("the request id placeholder is not in the body once: " + text);
        }
        return new byte[][] {
            text.substring(0, at).getBytes(StandardCharsets.UTF_8),
            text.substring(at + PLACEHOLDER.length()).getBytes(StandardCharsets.UTF_8)
        };
    }
}
