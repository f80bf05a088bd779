package org.sluice.it.inside;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import java.util.function.Supplier;

/** Calls Sluice's services in the role {@code operator}, as a page or resource of a user in that role would. */
@Stateless
@PermitAll
@RunAs("operator")
public class AsOperator {

    public <T> T call(Supplier<T> work) {
        return work.get();
    }
}
