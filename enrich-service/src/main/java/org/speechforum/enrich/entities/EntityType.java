package org.speechforum.enrich.entities;

/** The type set published in {@code Entity.type}; see docs/entities.md for what each covers. */
public enum EntityType {
    PERSON, ORGANIZATION, LOCATION, EVENT,
    /** Nationalities, religious and political groups (OntoNotes NORP): "Cubans", "Latin American", "Bolsheviks". */
    GROUP,
    /** A fediverse handle such as {@code @user@instance}: a user account, never a PERSON. */
    USER,
    DATE, PERCENT, MONEY
}
