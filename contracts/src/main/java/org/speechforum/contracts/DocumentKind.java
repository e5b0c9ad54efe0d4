package org.speechforum.contracts;

/** What a canonical document is. A forum thread's opening post is a POST; every reply is a COMMENT. */
public enum DocumentKind {
    SPEECH, POST, COMMENT
}
