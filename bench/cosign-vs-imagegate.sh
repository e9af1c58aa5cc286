#!/usr/bin/env bash
# Benchmark (issues 3, 15): (a) N distinct signed images verified by ONE `imagegate verify` run vs a loop of
# `cosign verify` over the same images; (b) one image, whole-process wall time, imagegate vs cosign. Both are
# measured against cosign v3 (`cosign`) and cosign v2 (`cosign2`), in the same run, on the same registry.
#   bench/cosign-vs-imagegate.sh [N] [DELAY_MS]   (default N=100; prints a Markdown table for docs/benchmarks.md)
# With DELAY_MS both tools reach the registry through a loopback proxy that delays every request by DELAY_MS,
# as a remote registry would (the testkit's fault proxy, from the benchmarks module, which the script builds).
# Starts its own registry on loopback; needs the peers (bin/peers) and builds imagegate on first use.
set -euo pipefail
n=${1:-100}
delay=${2:-0}
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/bin/peers" >/dev/null
peers=${IMAGEGATE_PEERS:-$HOME/.cache/imagegate/peers}/bin
export PATH="$peers:$PATH" COSIGN_PASSWORD=""
work=$(mktemp -d); port=$((20000 + RANDOM % 20000)); reg=127.0.0.1:$port
cat > "$work/reg.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/data}}
http: {addr: $reg}
YML
OTEL_TRACES_EXPORTER=none docker-registry serve "$work/reg.yml" >"$work/reg.log" 2>&1 &
regpid=$!
trap 'kill $regpid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://$reg/v2/" >/dev/null && break; sleep 0.1; done
cd "$work"
cosign generate-key-pair --output-key-prefix k >/dev/null 2>&1
echo "signing $n images with cosign v2 (legacy .sig)..." >&2
imgs=()
for i in $(seq "$n"); do
  head -c 32 /dev/urandom > "f$i"; tar cf "l$i.tar" "f$i"
  crane append --insecure -f "l$i.tar" -t "$reg/bench/app$i:v1" >/dev/null 2>&1
  ref="$reg/bench/app$i:v1"
  cosign2 sign -y --allow-insecure-registry --allow-http-registry --tlog-upload=false --key k.key "$ref" >/dev/null 2>&1
  imgs+=("$ref")
done
"$root/bin/imagegate" --version >/dev/null   # build + CDS archive outside the measurement
if (( delay > 0 )); then
  . "$root/bin/jdk.sh"
  (cd "$root" && ./mvnw -q -B -ntp -DskipTests -pl benchmarks -am install >&2)
  "$JAVA_HOME/bin/java" -cp "$root/benchmarks/target/imagegate-benchmarks-0.1.0-SNAPSHOT.jar:$root/benchmarks/target/lib/*" \
    dev.imagegate.bench.LatencyProxy "$reg" "$delay" > proxy.out 2>proxy.err &
  proxypid=$!
  trap 'kill $regpid $proxypid 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 100); do [[ -s proxy.out ]] && break; sleep 0.1; done
  via=$(head -1 proxy.out)
  echo "through a loopback proxy adding ${delay} ms per request: $via" >&2
  imgs=("${imgs[@]//$reg/$via}")
  reg=$via
fi
"$root/bin/imagegate" verify --key k.pub --insecure-ignore-tlog --insecure-registry "$reg" "${imgs[0]}" >/dev/null
now() { date +%s.%N; }
timed=(); [[ -x /usr/bin/time ]] && timed=(/usr/bin/time -f "%U %S" -o "$work/ig.cpu")   # CPU: load-independent
# The registry's own CPU (utime+stime, clock ticks; fields 14 and 15 after the command name) around the batch run:
# on loopback the batch cannot finish faster than the registry's share of the 2 cores allows.
regcpu() { local s; s=$(<"/proc/$regpid/stat"); s=${s##*) }; awk '{print $12 + $13}' <<<"$s"; }
reg0=$(regcpu)
t0=$(now); "${timed[@]}" "$root/bin/imagegate" verify --key k.pub --insecure-ignore-tlog --insecure-registry "$reg" "${imgs[@]}" > ig.out; t1=$(now)
reg1=$(regcpu)
grep -q "verified: $n, not verified: 0" ig.out || { echo "imagegate did not verify all images" >&2; tail ig.out >&2; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# One image, whole process: 11 rounds, each running imagegate, cosign and cosign2 once in turn, so that a slow
# stretch of a shared or virtual machine falls on all three alike; the median of each.
rounds=11
declare -A one=()
for _ in $(seq "$rounds"); do
  for tool in imagegate cosign cosign2; do
    if [[ $tool == imagegate ]]; then
      cmd=("$root/bin/imagegate" verify --key k.pub --insecure-ignore-tlog --insecure-registry "$reg" "${imgs[0]}")
    else
      cmd=("$tool" verify --key k.pub --insecure-ignore-tlog --allow-insecure-registry --allow-http-registry "${imgs[0]}")
    fi
    s=$(now); "${cmd[@]}" >/dev/null 2>&1; e=$(now)
    one[$tool]+="$(awk -v a="$e" -v b="$s" 'BEGIN{print a-b}') "
  done
done
single() { tr ' ' '\n' <<<"${one[$1]}" | grep . | median; }
calc() { awk "BEGIN{print $1}"; }
igb=$(calc "$t1 - $t0")
ig1=$(single imagegate)
label=""; (( delay > 0 )) && label=", ${delay} ms per registry request"
printf '| measurement | imagegate | cosign | ratio |\n|---|---|---|---|\n'
for tool in cosign cosign2; do
  t2=$(now)
  for r in "${imgs[@]}"; do $tool verify --key k.pub --insecure-ignore-tlog --allow-insecure-registry --allow-http-registry "$r" >/dev/null 2>&1; done
  t3=$(now)
  co1=$(single "$tool")
  cob=$(calc "$t3 - $t2")
  printf '| (a) %d images%s, one imagegate run vs a %s loop | %.2f s | %.2f s | imagegate %.1fx faster |\n' "$n" "$label" "$tool" "$igb" "$cob" "$(calc "$cob / $igb")"
  printf '| (b) one image%s, whole process (median of %d, interleaved), vs %s | %.3f s | %.3f s | imagegate/%s = %.2f |\n' "$label" "$rounds" "$tool" "$ig1" "$co1" "$tool" "$(calc "$ig1 / $co1")"
done
[[ -s $work/ig.cpu ]] && echo "imagegate batch run CPU (user+sys): $(awk '{print $1+$2}' "$work/ig.cpu") s" >&2
echo "registry CPU during the imagegate batch run (utime+stime): $(awk -v a="$reg0" -v b="$reg1" -v t="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", (b-a)/t}') s" >&2
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
