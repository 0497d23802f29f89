package org.shelters.events;

import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the payload of one event type from version {@code fromVersion()} into version
 * {@code fromVersion() + 1}. Consumers chain upcasters until the payload is at the catalog's
 * current version, so they read old and new events with one record class.
 */
public interface Upcaster {

    String type();

    int fromVersion();

    ObjectNode upcast(ObjectNode data);
}
