# Sourced by bin/peers and bin/build-image: the Debian archives this machine's own apt configuration names, so
# that no mirror host is written into the repository.
#   debian_mirror main       the first main archive (not the security one); $IMAGEGATE_DEBIAN_MIRROR overrides
#   debian_mirror security   the security archive; $IMAGEGATE_DEBIAN_SECURITY_MIRROR overrides
# Both print the archive root as an apt source line names it (e.g. what `URIs:` says) and fail with a message
# when there is none. Read: /etc/apt/sources.list.d/*.sources (deb822 `URIs:`/`Suites:` of enabled `deb`
# stanzas), /etc/apt/sources.list and /etc/apt/sources.list.d/*.list (`deb` lines); comments are ignored.
_ig_apt_sources() { # prints "URI suites..." per source, in apt's order
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -r $f ]] || continue
    awk 'BEGIN { RS=""; FS="\n" }
      { uris=""; suites=""; deb=0; enabled=1
        for (i = 1; i <= NF; i++) {
          line = $i; if (line ~ /^[ \t]*#/) continue
          if (line ~ /^Types:/ && line ~ /[ \t]deb([ \t]|$)/) deb = 1
          if (line ~ /^Enabled:[ \t]*no/) enabled = 0
          if (line ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", line); uris = line }
          if (line ~ /^Suites:/) { sub(/^Suites:[ \t]*/, "", line); suites = line }
        }
        if (deb && enabled && uris != "") { n = split(uris, u, /[ \t]+/); for (j = 1; j <= n; j++) print u[j], suites }
      }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r $f ]] || continue
    sed -n 's/^[ \t]*deb[ \t]\+\(\[[^]]*\][ \t]\+\)\{0,1\}\([^ \t]\+\)[ \t]\+\([^ \t]\+\).*/\2 \3/p' "$f"
  done
}
debian_mirror() { # main|security
  local kind=$1 override uri sources
  if [[ $kind == security ]]; then override=${IMAGEGATE_DEBIAN_SECURITY_MIRROR:-}; else override=${IMAGEGATE_DEBIAN_MIRROR:-}; fi
  if [[ -n $override ]]; then
    uri=$override
  else
    sources=$(_ig_apt_sources)
    if [[ $kind == security ]]; then
      uri=$(awk '$0 ~ /security/ { print $1; exit }' <<<"$sources")
    else
      # A URI ending in /debian first (a Debian archive, not some vendor's), else the first other source.
      uri=$(awk '$0 !~ /security/ && $1 ~ /\/debian\/?$/ { print $1; exit }' <<<"$sources")
      [[ -n $uri ]] || uri=$(awk '$0 !~ /security/ { print $1; exit }' <<<"$sources")
    fi
  fi
  if [[ -z $uri ]]; then
    local var=IMAGEGATE_DEBIAN_MIRROR
    [[ $kind == security ]] && var=IMAGEGATE_DEBIAN_SECURITY_MIRROR
    echo "no Debian $kind archive in this machine's apt sources (/etc/apt/sources.list.d/*.sources," \
      "/etc/apt/sources.list): set $var to the archive root an apt 'deb' line would name" >&2
    return 1
  fi
  case $uri in
    http://*|https://*|file:/*) echo "${uri%/}" ;;
    *) echo "unsupported Debian archive URI: $uri" >&2; return 1 ;;
  esac
}
