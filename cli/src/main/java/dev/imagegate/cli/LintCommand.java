package dev.imagegate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.imagegate.ivpol.IvpolLint;
import dev.imagegate.ivpol.IvpolLoad;
import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.PolicyLinter;
import dev.imagegate.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code imagegate lint}: reports policy errors and warnings with file:line:column, without
 * touching a registry.
 */
@Command(
    name = "lint",
    description = {
      "Check Kyverno verifyImages policies without contacting any registry.",
      "Exit codes: 0 no errors (warnings allowed), 2 errors found."
    })
final class LintCommand implements Callable<Integer>, CommandModels.AnnotatedWithGroups {
  @Spec CommandSpec spec;

  @Mixin PolicyOptions policyOptions;

  final TextOrJsonOutput output = new TextOrJsonOutput();

  /** Added by {@link CommandModels#model} after the annotated options, then -h and -V. */
  @Override
  public List<CommandModels.OptionGroup> optionGroups() {
    return List.of(output);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<Path> policies = policyOptions.existing();
    try {
      LoadResult loaded = PolicyLoader.load(policies);
      loaded.warnings().stream()
          .filter(w -> !PolicyFiles.ownedByIvpol(w))
          .map(LoadWarning::toString)
          .forEach(warnings::add);
      // Kyverno's admission validation first: a policy it would refuse is an error here.
      for (LoadResult.Rejected r : loaded.rejected()) {
        for (String e : r.errors()) {
          errors.add(
              r.policy().location()
                  + ": "
                  + r.policy().kind()
                  + " "
                  + r.policy().qualifiedName()
                  + ": "
                  + e);
        }
      }
      List<dev.imagegate.policy.Policy> all = new ArrayList<>(loaded.policies());
      loaded.rejected().forEach(r -> all.add(r.policy()));
      for (LintFinding f : PolicyLinter.lint(all)) {
        (f.severity() == LintFinding.Severity.ERROR ? errors : warnings)
            .add(f.location() + ": " + f.message());
      }
      IvpolLoad ivpol = IvpolLoader.load(policies);
      ivpol.unsupported().forEach(u -> errors.add(u.toString()));
      ivpol.warnings().stream().map(LoadWarning::toString).forEach(warnings::add);
      for (LintFinding f : IvpolLint.lint(ivpol.policies(), ivpol.exceptions())) {
        (f.severity() == LintFinding.Severity.ERROR ? errors : warnings)
            .add(f.location() + ": " + f.message());
      }
      if (all.isEmpty() && ivpol.policies().isEmpty() && ivpol.unsupported().isEmpty()) {
        errors.add(
            policies
                + ": no ClusterPolicy, Policy, ImageValidatingPolicy or"
                + " NamespacedImageValidatingPolicy found");
      }
    } catch (PolicyException e) {
      errors.add(e.getMessage());
    }
    if (output.json()) {
      var doc = JsonOutput.JSON.createObjectNode();
      ArrayNode e = doc.putArray("errors");
      errors.forEach(e::add);
      ArrayNode w = doc.putArray("warnings");
      warnings.forEach(w::add);
      out.println(JsonOutput.JSON.writeValueAsString(doc));
    } else {
      errors.forEach(e -> out.println("error: " + e));
      warnings.forEach(w -> out.println("warning: " + w));
      out.println(
          errors.isEmpty()
              ? "policies are valid ("
                  + warnings.size()
                  + " warning"
                  + (warnings.size() == 1 ? "" : "s")
                  + ")"
              : errors.size()
                  + " error"
                  + (errors.size() == 1 ? "" : "s")
                  + ", "
                  + warnings.size()
                  + " warning"
                  + (warnings.size() == 1 ? "" : "s"));
    }
    out.flush();
    return errors.isEmpty() ? Main.VERIFIED : Main.USAGE;
  }
}
