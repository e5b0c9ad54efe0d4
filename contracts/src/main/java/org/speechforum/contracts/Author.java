package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who wrote or spoke a document. Forum users have a {@code handle} and the {@code instance} that hosts them
 * ({@code cfgaussian@lemmygrad.ml}); speakers have a display {@code name} and often a {@code role}
 * ("President of Russia").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Author(String name, String handle, String instance, String role, String url) {

    public static Author named(String name) {
        return new Author(name, null, null, null, null);
    }
}
