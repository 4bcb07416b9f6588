package dev.gatehouse.filter.testing;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Mockito-backed servlet requests and a response that records what was written. */
public final class ServletFakes {

    private ServletFakes() {
    }

    /** A request for {@code method} {@code uri} (servlet path = uri, no path info) with the given Authorization headers. */
    public static HttpServletRequest request(String method, String uri, String... authorization) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        when(request.getMethod()).thenReturn(method);
        when(request.getContextPath()).thenReturn("");
        when(request.getRequestURI()).thenReturn(path);
        when(request.getServletPath()).thenReturn(java.net.URLDecoder.decode(path, StandardCharsets.UTF_8));
        when(request.getQueryString()).thenReturn(query < 0 ? null : uri.substring(query + 1));
        when(request.getHeaders("Authorization")).thenAnswer(i -> Collections.enumeration(List.of(authorization)));
        Map<String, Object> attributes = new HashMap<>();
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(request).setAttribute(anyString(), org.mockito.ArgumentMatchers.any());
        when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.getArgument(0)));
        return request;
    }

    /** A response that records status, headers and body. */
    public static final class RecordingResponse {
        public final HttpServletResponse mock = mock(HttpServletResponse.class);
        public final Map<String, String> headers = new HashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        public int status = 200;
        public String contentType;

        public RecordingResponse() {
            doAnswer(i -> status = i.getArgument(0)).when(mock).setStatus(anyInt());
            when(mock.getStatus()).thenAnswer(i -> status);
            java.io.PrintWriter writer = new java.io.PrintWriter(new java.io.OutputStreamWriter(body,
                    StandardCharsets.UTF_8), true);
            try {
                when(mock.getWriter()).thenReturn(writer);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(mock).setHeader(anyString(), anyString());
            doAnswer(i -> contentType = i.getArgument(0)).when(mock).setContentType(anyString());
            try {
                when(mock.getOutputStream()).thenReturn(new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        body.write(b);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public String body() {
            try {
                mock.getWriter().flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return body.toString(StandardCharsets.UTF_8);
        }
    }
}
