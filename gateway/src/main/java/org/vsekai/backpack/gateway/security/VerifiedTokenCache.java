package org.vsekai.backpack.gateway.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;

import javax.crypto.SecretKey;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.vsekai.backpack.gateway.config.GatewayConfig;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/**
 * Puts {@link VerifiedTokens} in front of smallrye-jwt's parser, which the bearer-token mechanism calls for every
 * request with a token. Only {@link #parse(String)} (the configured key, issuer and audience) is cached; every other
 * way of verifying goes straight to the parser.
 */
@Decorator
@Priority(10)
public class VerifiedTokenCache implements JWTParser {

    private final JWTParser parser;
    private final VerifiedTokens tokens;
    private final boolean enabled;

    @Inject
    public VerifiedTokenCache(@Delegate JWTParser parser, Clock clock, GatewayConfig config) {
        this.parser = parser;
        this.enabled = config.tokenCache().enabled();
        this.tokens = new VerifiedTokens(clock, config.tokenCache().maxSize());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return enabled ? tokens.verify(token, parser::parse) : parser.parse(token);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
