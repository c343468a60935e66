package dev.apigw.gateway.apikey;

/** The database's answer for one key hash. "Not found" is a value, so it can be cached briefly. */
sealed interface KeyLookup {

    record Found(KeyRecord key) implements KeyLookup {
    }

    record NotFound() implements KeyLookup {
    }

    NotFound NOT_FOUND = new NotFound();
}
