package org.vsekai.backpack.gateway.avatar;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Where a WebSocket client puts its bearer token. Browsers cannot set headers on a WebSocket, so besides
 * {@code Authorization: Bearer <token>} the token may come as a subprotocol, {@code Sec-WebSocket-Protocol:
 * backpack.bearer, <token>} (the server answers {@code backpack.bearer}; preferred: it stays out of URLs and their
 * logs), or as the query parameter {@code access_token} (RFC 6750 §2.3).
 */
public final class StreamToken {

    /** The subprotocol that says the next offered one is the token. */
    public static final String SUBPROTOCOL = "backpack.bearer";
    public static final String QUERY_PARAMETER = "access_token";

    private StreamToken() {
    }

    /**
     * The token of a handshake, or null when it has none.
     *
     * @param authorization the Authorization header, or null
     * @param protocols     every Sec-WebSocket-Protocol header (each may list several, comma-separated)
     * @param rawQuery      the request's query string, not decoded, or null
     * @throws ParseException when the query's token is not valid percent-encoding ({@code %zz}): refused as the
     *                        verifier refuses any token it cannot read
     */
    public static String of(String authorization, List<String> protocols, String rawQuery) throws ParseException {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        List<String> offered = new ArrayList<>();
        for (String header : protocols == null ? List.<String>of() : protocols) {
            for (String protocol : header.split(",")) {
                if (!protocol.isBlank()) {
                    offered.add(protocol.strip());
                }
            }
        }
        int marker = offered.indexOf(SUBPROTOCOL);
        if (marker >= 0 && marker + 1 < offered.size()) {
            return offered.get(marker + 1);
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equals(QUERY_PARAMETER)) {
                    String token = decode(pair.substring(equals + 1));
                    return token.isBlank() ? null : token;
                }
            }
        }
        return null;
    }

    private static String decode(String value) throws ParseException {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // found by TokenFuzzTest: "%7I" escaped URLDecoder's exception
            throw new ParseException("the " + QUERY_PARAMETER + " query parameter is not valid percent-encoding", e);
        }
    }
}
