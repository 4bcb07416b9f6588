package dev.gatehouse.benchmarks.gateway;

import java.io.IOException;

/**
 * The benchmark's load generator: sends the same OpenAI Chat Completions request ({@link ChatCalls#BLOCKING_BODY},
 * {@link ChatCalls#STREAM_BODY}) to any {@link Endpoint} and times it with {@link System#nanoTime()} from just before
 * the request is sent to the last byte of the answer (and, for a stream, to its first complete {@code data:} line).
 * Thread-safe; each thread keeps its own connection to each endpoint. Fails (throws) on any answer but 200 with a
 * body, or a stream that does not end with {@code data: [DONE]}.
 */
interface ChatClient {

    /** One streamed call's times in nanoseconds: to the first {@code data:} line, and to the end of the stream. */
    record StreamTimes(long firstData, long total) {
    }

    /** A blocking call; returns its latency in nanoseconds. */
    long blocking(Endpoint endpoint, int i) throws IOException, InterruptedException;

    /** A streamed call, read to its end. */
    StreamTimes stream(Endpoint endpoint, int i) throws IOException, InterruptedException;
}
