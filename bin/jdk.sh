# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: an already-set JAVA_HOME that qualifies, `java` on PATH, then every JDK under /usr/lib/jvm (newest first).
_ig_java_major() { # prints the feature version of the java binary $1 (from the JDK's release file when it has one)
  local home v
  home=$(dirname "$(dirname "$1")")
  if [[ -f $home/release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -1)
    [[ $v == 1 ]] && v=$(sed -n 's/^JAVA_VERSION="1\.\([0-9]*\).*/\1/p' "$home/release" | head -1)
    if [[ -n $v ]]; then echo "$v"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1
}
_ig_find_jdk() {
  local c v
  local candidates=()
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  command -v javac >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    [[ -x $c/bin/java && -x $c/bin/javac ]] || continue
    v=$(_ig_java_major "$c/bin/java")
    if [[ -n $v && $v -ge 21 ]]; then echo "$c"; return 0; fi
  done
  return 1
}
if ! IG_JDK=$(_ig_find_jdk); then
  echo "imagegate: no JDK >= 21 found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk" >&2
  return 2 2>/dev/null || exit 2
fi
export JAVA_HOME=$IG_JDK
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guava uses sun.misc.Unsafe, which JDK 23+ warns about on every build; allow it quietly there.
if (( $(_ig_java_major "$JAVA_HOME/bin/java") >= 23 )); then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe-memory-access*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
# IMAGEGATE_M2 names a local Maven repository of its own (e.g. an isolated CI run that must not touch ~/.m2): every
# Maven run of the scripts, and of tests that start Maven, gets -Dmaven.repo.local through MAVEN_ARGS (Maven 3.9).
if [[ -n ${IMAGEGATE_M2:-} && ${MAVEN_ARGS:-} != *-Dmaven.repo.local=* ]]; then
  export MAVEN_ARGS="${MAVEN_ARGS:+$MAVEN_ARGS }-Dmaven.repo.local=$IMAGEGATE_M2"
fi
