package org.vsekai.backpack.metadata.item;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

/** A PUT of an item that another user owns, by someone who is not an admin; over HTTP a 403 problem. */
public class NotTheOwnerException extends ProblemException {

    public NotTheOwnerException(String itemId) {
        super(Problem.ofType("not-item-owner", 403, "Not the owner of this item",
                "Item " + itemId + " belongs to another user; only its owner or an admin may store its metadata"));
    }
}
