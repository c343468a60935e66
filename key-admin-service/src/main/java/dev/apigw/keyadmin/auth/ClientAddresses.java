package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.config.KeyAdminProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request, for throttling. It is the connection's peer, unless the
 * peer is a trusted proxy ({@code key-admin.login.trusted-proxies}): then it is the rightmost address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Entries to the left of it are the client's
 * own claims and are never believed. Only IP literals are read, so no name is ever resolved.
 */
@Component
class ClientAddresses {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /**
     * Hex digits, colons and dots, with a colon somewhere, starting with a hex digit or a colon: only text
     * that starts so is parsed by {@link InetAddress#getByName} as a literal (and refused if it is not one);
     * anything else, such as {@code .:}, would be looked up as a host name, blocking the event loop.
     */
    private static final Pattern IPV6 = Pattern.compile("(?=[^:]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final List<Block> trusted;

    @Autowired
    ClientAddresses(KeyAdminProperties properties) {
        this(properties.login().trustedProxies());
    }

    ClientAddresses(List<String> trustedProxies) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : trustedProxies) {
            blocks.add(Block.parse(entry));
        }
        this.trusted = List.copyOf(blocks);
    }

    /**
     * The client's address; null when it cannot be told: no peer address, or a trusted proxy that
     * forwarded none or something that is not an IP address. Such a request is not counted per address
     * (counting the proxy would make every client behind it share one limit).
     */
    @Nullable
    InetAddress of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null || !isTrusted(peer)) {
            return peer;
        }
        List<String> forwarded = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty(X_FORWARDED_FOR)) {
            for (String part : header.split(",", -1)) {
                forwarded.add(part.trim());
            }
        }
        InetAddress client = null;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            client = literal(forwarded.get(i));
            if (client == null || !isTrusted(client)) {
                return client;
            }
        }
        return client; // every hop trusted: the leftmost, a client on the proxies' own network
    }

    boolean isTrusted(InetAddress address) {
        for (Block block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The address written as an IPv4 or IPv6 literal (in brackets or not); null for anything else. */
    static @Nullable InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (IPV4.matcher(bare).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = bare.split("\\.");
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return byAddress(bytes);
        }
        if (IPV6.matcher(bare).matches()) {
            try {
                // Starts with a hex digit or a colon and has a colon: parsed as a literal, never looked up.
                return InetAddress.getByName(bare);
            } catch (UnknownHostException notAnAddress) {
                return null;
            }
        }
        return null;
    }

    private static @Nullable InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    /** An address block: the first {@code bits} bits of {@code network}. */
    private record Block(byte[] network, int bits) {

        static Block parse(String entry) {
            String text = entry.trim();
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException(
                        "key-admin.login.trusted-proxies: '" + entry + "' is not an IP address or CIDR block");
            }
            int max = address.getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException(
                        "key-admin.login.trusted-proxies: '" + entry + "' has a prefix length outside 0.." + max);
            }
            return new Block(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = bits - bit >= 8 ? 0xFF : (0xFF << (8 - (bits - bit))) & 0xFF;
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
