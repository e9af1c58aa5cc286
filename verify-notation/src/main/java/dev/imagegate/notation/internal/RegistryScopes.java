package dev.imagegate.notation.internal;

import dev.imagegate.notation.TrustPolicyStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Registry scope rules of OCI trust policies: {@code *} alone, or fully qualified repositories
 * ({@code host[:port]/path}, lower-case path, no tag, digest or scheme), each value in one
 * statement only.
 */
final class RegistryScopes {
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN =
      DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY =
      Pattern.compile(DOMAIN + "(?:/" + PATH_COMPONENT + ")+");
  static final String WILDCARD = "*";

  private RegistryScopes() {}

  static void validateDocument(
      List<TrustPolicyStatement> statements, TrustPolicyParser.Errors err) {
    Map<String, String> owner = new HashMap<>();
    for (TrustPolicyStatement s : statements) {
      List<String> scopes = s.registryScopes();
      if (scopes.contains(WILDCARD) && scopes.size() > 1) {
        throw err.fail(
            "trust policy statement \""
                + s.name()
                + "\" uses wildcard registry scope '*', a wildcard scope"
                + " cannot be used in conjunction with other scope values");
      }
      for (String scope : scopes) {
        if (!scope.equals(WILDCARD) && !REPOSITORY.matcher(scope).matches()) {
          throw err.fail(
              "registry scope \""
                  + scope
                  + "\" is not valid, make sure it is a fully qualified repository"
                  + " without the scheme, protocol or tag. For example domain.com/my/repository or a local scope like"
                  + " local/myOCILayout");
        }
        if (owner.put(scope, s.name()) != null) {
          throw err.fail(
              "registry scope \""
                  + scope
                  + "\" is present in multiple trust policy statements, one registry"
                  + " scope value can only be associated with one statement");
        }
      }
    }
  }
}
