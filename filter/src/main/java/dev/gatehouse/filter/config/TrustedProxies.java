package dev.gatehouse.filter.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} Gatehouse believes ({@value ConfigKeys#TRUSTED_PROXIES}): IP addresses
 * and CIDR blocks, IPv4 or IPv6. Only IP literals are accepted, in configuration and in headers alike: no name is ever
 * resolved.
 */
public final class TrustedProxies {

    /** No proxy trusted: the audit shows the connection's peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((address[full] ^ network[full]) & (0xFF << (8 - rest))) == 0;
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}).
     *
     * @throws ConfigException naming {@value ConfigKeys#TRUSTED_PROXIES} for anything else
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.strip().split("/", -1);
            byte[] address = parts.length <= 2 ? literal(parts[0]) : null;
            if (address == null) {
                throw new ConfigException(ConfigKeys.TRUSTED_PROXIES, "'" + entry + "' is not an IP address or CIDR block");
            }
            int prefix = address.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new ConfigException(ConfigKeys.TRUSTED_PROXIES, "'" + entry + "' has an invalid prefix length");
                }
            }
            blocks.add(new Block(address, prefix));
        }
        return new TrustedProxies(blocks);
    }

    /** Whether nothing is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether {@code address} (an IP literal) lies in a trusted block. */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && blocks.stream().anyMatch(b -> b.contains(bytes));
    }

    /** Whether {@code value} is an IPv4 or IPv6 literal. */
    public static boolean isIpLiteral(String value) {
        return literal(value) != null;
    }

    private static byte[] literal(String value) {
        if (value == null) {
            return null;
        }
        String text = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            // a literal (checked above) is parsed, never looked up
            byte[] bytes = InetAddress.getByName(text).getAddress();
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
