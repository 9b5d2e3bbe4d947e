package org.vsekai.backpack.gateway.peer;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * The one place where a failed call to a service becomes the gateway's answer ({@link Peers#asProblem}): a refusal
 * relayed with its status, anything else one 503. It wraps the fault tolerance of the call (an application priority
 * comes before the fault-tolerance interceptor's), so it sees what is left once retries, timeouts and the circuit
 * breaker have done their part.
 */
@Peer("")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class PeerFailures {

    @AroundInvoke
    Object answerFailures(InvocationContext call) throws Exception {
        String peer = call.getInterceptorBinding(Peer.class).value();
        Object answer;
        try {
            answer = call.proceed();
        } catch (Exception failure) {
            throw Peers.asProblem(peer, failure);
        }
        return answer instanceof Uni<?> later ? later.onFailure().transform(failure -> Peers.asProblem(peer, failure))
                : answer;
    }
}
