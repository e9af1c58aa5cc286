package dev.imagegate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The mapper of imagegate's own JSON output (indented). A class of its own so that it is built only
 * by a run that prints or reads JSON: a text verification never constructs it (issue 15).
 */
final class JsonOutput {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}
}
