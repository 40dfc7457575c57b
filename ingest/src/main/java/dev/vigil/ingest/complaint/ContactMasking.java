package dev.vigil.ingest.complaint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import dev.vigil.ingest.publish.SecretMasking;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Masks the reporter's contact details in a complaint body before it is dead-lettered: at any
 * depth, every value under {@code contact}, {@code reporter}, {@code name}, {@code phone}, {@code
 * mobile}, {@code tel} or {@code email} becomes {@code ***}. A body that is not a JSON object
 * cannot be masked reliably, so it is withheld entirely (an empty result); the dead letter then
 * records only its length and hash.
 */
public final class ContactMasking {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Set<String> PERSONAL =
            Set.of("contact", "reporter", "name", "phone", "mobile", "tel", "email");

    private ContactMasking() {}

    /** The body without contact details, or empty when they cannot be told apart. */
    public static byte[] mask(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return new byte[0];
        }
        if (root == null || !root.isObject()) {
            return new byte[0];
        }
        maskPersonal(root);
        return SecretMasking.mask(Json.toBytes(root));
    }

    private static void maskPersonal(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (PERSONAL.contains(name.toLowerCase(Locale.ROOT))) {
                    mask(object, name);
                } else {
                    maskPersonal(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ContactMasking::maskPersonal);
        }
    }

    private static void mask(ObjectNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> object.put(n, "***"));
        } else if (value != null && !value.isNull()) {
            parent.put(name, "***");
        }
    }
}
