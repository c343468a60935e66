package dev.apigw.keyadmin.scope;

import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import java.util.List;

/** Whether a holder may hand a set of scopes on: never more than it holds, and never silently less. */
public final class ScopeGrant {

    private ScopeGrant() {}

    /**
     * {@code requested} unchanged when every one of them is in {@code held}.
     *
     * @throws ApiException scope-not-held (403), naming every requested scope not held
     */
    public static List<String> within(List<String> held, List<String> requested) {
        List<String> missing =
                requested.stream().filter(scope -> !held.contains(scope)).toList();
        if (!missing.isEmpty()) {
            throw new ApiException(
                    ProblemType.SCOPE_NOT_HELD,
                    "A key can carry only scopes its owner holds; not held: " + String.join(" ", missing) + ".");
        }
        return requested;
    }
}
