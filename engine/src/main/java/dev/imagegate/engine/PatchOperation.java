package dev.imagegate.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** One RFC 6902 JSONPatch operation ({@code op} is add, replace or remove). */
public record PatchOperation(String op, String path, JsonNode value) {}
