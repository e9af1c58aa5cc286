package dev.imagegate.cli;

/**
 * Builds and parses a one-image {@code verify} command line in a fresh JVM, so {@link
 * NoAnnotationProxiesTest} can list the classes it loads.
 */
final class AnnotationProxyProbe {
  private AnnotationProxyProbe() {}

  public static void main(String[] args) {
    String[] verify = {
      "verify",
      "--key",
      "k.pub",
      "--insecure-ignore-tlog",
      "--insecure-registry",
      "r:5000",
      "r:5000/repo:tag"
    };
    System.out.println(
        Main.commandLine(verify).parseArgs(verify).subcommand().matchedArgs().size());
    String[] version = {"--version"};
    System.out.println(Main.commandLine(version).parseArgs(version).isVersionHelpRequested());
  }
}
