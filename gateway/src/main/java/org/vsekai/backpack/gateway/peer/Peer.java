package org.vsekai.backpack.gateway.peer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a REST client as the way to one service, named as in its problems ({@code <peer>-unavailable}): every
 * failure of its calls reaches the gateway's client as {@link PeerFailures} words it, whatever the resource.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Peer {

    /** The service, e.g. {@code recommender}. */
    @Nonbinding
    String value();
}
