package org.vsekai.backpack.gateway.security;

import java.time.Clock;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.vsekai.backpack.gateway.config.GatewayConfig;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/**
 * Puts {@link VerifiedTokens} in front of smallrye-jwt's parser, which the bearer-token mechanism calls for every
 * request with a token. Only {@link #parse(String)} (the configured key, issuer and audience) is cached; abstract, so
 * that every other way of verifying goes straight to the parser without being written out here.
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokenCache implements JWTParser {

    private final JWTParser parser;
    private final VerifiedTokens tokens;
    private final boolean enabled;

    @Inject
    protected VerifiedTokenCache(@Delegate JWTParser parser, Clock clock, GatewayConfig config) {
        this.parser = parser;
        this.enabled = config.tokenCache().enabled();
        this.tokens = new VerifiedTokens(clock, config.tokenCache().maxSize());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return enabled ? tokens.verify(token, parser::parse) : parser.parse(token);
    }
}
