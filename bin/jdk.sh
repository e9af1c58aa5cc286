# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: an already-set JAVA_HOME that qualifies, `javac` on PATH, then every JDK under /usr/lib/jvm (newest first).
# bin/imagegate sources this on every run, so a warm call starts no process: a qualifying JAVA_HOME is checked from
# its release file, and any other choice is cached in cli/target/.jdk.env (when cli/target exists). The cache is
# used only while JAVA_HOME and PATH are what they were when it was written, the JDK it names still has java and
# javac, and neither /usr/lib/jvm nor that JDK's release file changed since.
_ig_major() { # sets _ig_v to the feature version in JDK $1's release file (no process started); fails without one
  _ig_v=
  local line
  [[ -f $1/release ]] || return 1
  while IFS= read -r line; do
    if [[ $line =~ ^JAVA_VERSION=\"(1\.)?([0-9]+) ]]; then
      _ig_v=${BASH_REMATCH[2]}
      return 0
    fi
  done <"$1/release"
  return 1
}
_ig_qualifies() { # JDK $1 has java and javac and is >= 21; sets _ig_v to its feature version
  [[ -x $1/bin/java && -x $1/bin/javac ]] || return 1
  if ! _ig_major "$1"; then # no release file: ask the JVM (rare; only on a cache miss)
    _ig_v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1)
    [[ $_ig_v == 1.* ]] && _ig_v=${_ig_v#1.}
  fi
  [[ $_ig_v =~ ^[0-9]+$ ]] && ((_ig_v >= 21))
}
_ig_find_jdk() { # sets IG_JDK and IG_JDK_MAJOR
  local c javac best= best_v=0
  if [[ -n ${JAVA_HOME:-} ]] && _ig_qualifies "$JAVA_HOME"; then
    IG_JDK=$JAVA_HOME IG_JDK_MAJOR=$_ig_v
    return 0
  fi
  if javac=$(type -P javac); then
    c=$(readlink -f "$javac")
    c=${c%/bin/javac}
    if _ig_qualifies "$c"; then
      IG_JDK=$c IG_JDK_MAJOR=$_ig_v
      return 0
    fi
  fi
  # The newest qualifying JDK under /usr/lib/jvm (highest feature version; the later name on a tie).
  for c in /usr/lib/jvm/*/; do
    c=${c%/}
    _ig_qualifies "$c" || continue
    if ((_ig_v > best_v)) || { ((_ig_v == best_v)) && [[ $c > $best ]]; }; then
      best=$c best_v=$_ig_v
    fi
  done
  [[ -n $best ]] || return 1
  IG_JDK=$best IG_JDK_MAJOR=$best_v
}
_ig_cache="${BASH_SOURCE[0]%/*}/../cli/target/.jdk.env"
_ig_key="${JAVA_HOME:-}|$PATH"
IG_JDK= IG_JDK_MAJOR= _ig_cached_key=
if [[ -n ${JAVA_HOME:-} ]] && _ig_qualifies "$JAVA_HOME"; then # checked without starting a process: no cache needed
  IG_JDK=$JAVA_HOME IG_JDK_MAJOR=$_ig_v
elif [[ -f $_ig_cache && ! /usr/lib/jvm -nt $_ig_cache ]]; then
  . "$_ig_cache"
  if [[ $_ig_cached_key != "$_ig_key" || ! -x $IG_JDK/bin/java || ! -x $IG_JDK/bin/javac || $IG_JDK/release -nt $_ig_cache ]]; then
    IG_JDK= IG_JDK_MAJOR=
  fi
fi
if [[ -z $IG_JDK ]]; then
  if ! _ig_find_jdk; then
    echo "imagegate: no JDK >= 21 found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk" >&2
    return 2 2>/dev/null || exit 2
  fi
  if [[ -d ${_ig_cache%/*} ]]; then # written whole, then renamed, so a concurrent reader never sees half a file
    printf '_ig_cached_key=%q\nIG_JDK=%q\nIG_JDK_MAJOR=%q\n' "$_ig_key" "$IG_JDK" "$IG_JDK_MAJOR" >"$_ig_cache.$$" 2>/dev/null &&
      mv -f "$_ig_cache.$$" "$_ig_cache" 2>/dev/null || rm -f "$_ig_cache.$$" 2>/dev/null
  fi
fi
export JAVA_HOME=$IG_JDK
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guava uses sun.misc.Unsafe, which JDK 23+ warns about on every build; allow it quietly there.
if ((IG_JDK_MAJOR >= 23)); then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe-memory-access*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
# IMAGEGATE_M2 names a local Maven repository of its own (e.g. an isolated CI run that must not touch ~/.m2): every
# Maven run of the scripts, and of tests that start Maven, gets -Dmaven.repo.local through MAVEN_ARGS (Maven 3.9).
if [[ -n ${IMAGEGATE_M2:-} && ${MAVEN_ARGS:-} != *-Dmaven.repo.local=* ]]; then
  export MAVEN_ARGS="${MAVEN_ARGS:+$MAVEN_ARGS }-Dmaven.repo.local=$IMAGEGATE_M2"
fi
unset _ig_cache _ig_key _ig_cached_key _ig_v
