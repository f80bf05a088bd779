package org.sluice.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal HTTP/1.0 client whose connections leave from a chosen loopback address (127.0.0.2, 127.0.0.3, ...),
 * so the test server, listening on 127.0.0.1, sees several distinct clients: every 127.0.0.0/8 address is the
 * loopback interface's on Linux. java.net.http cannot choose its source address (before Java 19).
 */
public final class LoopbackClient {

    /** A response: status, headers by lower-case name (the last value of each), body. */
    public record Response(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final InetAddress from;
    private final InetSocketAddress server;

    public LoopbackClient(String fromAddress, int serverPort) {
        try {
            this.from = InetAddress.getByName(fromAddress);
            this.server = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), serverPort);
        } catch (IOException e) {
            throw new UncheckedIOException("not an address: " + fromAddress, e);
        }
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    public Response post(String path, Map<String, String> headers, String formBody) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return send("POST", path, all, formBody);
    }

    private Response send(String method, String path, Map<String, String> headers, String body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(server, 10_000);
            socket.setSoTimeout(30_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.0\r\n")
                    .append("Host: 127.0.0.1:")
                    .append(server.getPort())
                    .append("\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " from " + from.getHostAddress() + " failed", e);
        }
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("not an HTTP response: " + text);
        }
        List<String> lines = text.substring(0, end).lines().toList();
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        return new Response(status, headers, text.substring(end + 4));
    }
}
