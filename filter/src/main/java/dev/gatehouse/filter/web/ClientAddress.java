package dev.gatehouse.filter.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.gatehouse.filter.config.TrustedProxies;

/**
 * The client's address for the audit event: the connection's peer, or — only when that peer is a configured trusted
 * proxy — the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. Entries that are not IP
 * literals stop the walk (no name is ever resolved), so a client cannot choose the address it is logged under.
 */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private ClientAddress() {
    }

    static String of(HttpServletRequest request, TrustedProxies proxies) {
        String peer = request.getRemoteAddr();
        if (proxies.isEmpty() || peer == null || !proxies.contains(peer)) {
            return peer;
        }
        String address = peer;
        List<String> headers = java.util.Collections.list(request.getHeaders(FORWARDED_FOR));
        for (int h = headers.size() - 1; h >= 0; h--) {
            String[] hops = headers.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (!TrustedProxies.isIpLiteral(hop)) {
                    return address;
                }
                address = hop;
                if (!proxies.contains(hop)) {
                    return hop;
                }
            }
        }
        return address;
    }
}
