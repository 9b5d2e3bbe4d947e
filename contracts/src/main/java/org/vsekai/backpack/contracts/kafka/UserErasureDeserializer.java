package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.privacy.UserErasure;

/** Reads {@link UserErasure} records of {@code user-erasures}. */
public class UserErasureDeserializer extends EventDeserializer<UserErasure> {

    public UserErasureDeserializer() {
        super(Topics.USER_ERASURES);
    }
}
