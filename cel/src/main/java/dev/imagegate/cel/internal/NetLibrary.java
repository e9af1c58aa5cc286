package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import com.google.common.net.InetAddresses;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.function.Predicate;

/**
 * The Kubernetes IP and CIDR libraries. Parsing uses Guava's {@link InetAddresses} (strict: no
 * leading zeros in IPv4 octets) plus Kubernetes' extra rules: no zone ({@code %eth0}) and no
 * IPv4-mapped IPv6 addresses. Predicates follow Go's {@code net/netip}.
 */
final class NetLibrary {
  static final OpaqueType IP = OpaqueType.create("net.IP");
  static final OpaqueType CIDR = OpaqueType.create("net.CIDR");

  /** A parsed address. */
  record Ip(InetAddress addr) {
    int family() {
      return addr instanceof Inet4Address ? 4 : 6;
    }

    int bitLength() {
      return addr.getAddress().length * 8;
    }

    @Override
    public String toString() {
      return InetAddresses.toAddrString(addr);
    }
  }

  /** A parsed prefix; {@code ip} is the address as written (not masked). */
  record Cidr(Ip ip, int bits) {
    Ip masked() {
      byte[] b = ip.addr().getAddress();
      for (int i = 0; i < b.length * 8; i++) {
        if (i >= bits) {
          b[i / 8] &= (byte) ~(0x80 >> (i % 8));
        }
      }
      try {
        return new Ip(InetAddress.getByAddress(b));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e); // only thrown for a wrong length
      }
    }

    boolean contains(Ip other) {
      if (other.family() != ip.family()) {
        return false;
      }
      BigInteger mask =
          BigInteger.ONE.shiftLeft(ip.bitLength()).subtract(BigInteger.ONE).shiftRight(bits).not();
      return new BigInteger(1, ip.addr().getAddress())
          .and(mask)
          .equals(new BigInteger(1, other.addr().getAddress()).and(mask));
    }

    @Override
    public String toString() {
      return ip + "/" + bits;
    }
  }

  private NetLibrary() {}

  static Ip parseIp(String s) {
    if (s.indexOf('%') >= 0) {
      throw new IllegalArgumentException("IP address with zone value is not allowed");
    }
    InetAddress a;
    try {
      a = InetAddresses.forString(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ParseAddr(\"" + s + "\"): unable to parse IP");
    }
    if (s.indexOf(':') >= 0 && a instanceof Inet4Address) {
      throw new IllegalArgumentException("IPv4-mapped IPv6 address is not allowed");
    }
    return new Ip(a);
  }

  static Cidr parseCidr(String s) {
    int slash = s.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("netip.ParsePrefix(\"" + s + "\"): no '/'");
    }
    String bits = s.substring(slash + 1);
    Ip ip;
    try {
      ip = parseIp(s.substring(0, slash));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("netip.ParsePrefix(\"" + s + "\"): " + e.getMessage());
    }
    if (!bits.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(bits) > ip.bitLength()) {
      throw new IllegalArgumentException(
          "netip.ParsePrefix(\"" + s + "\"): bad bits after slash: \"" + bits + "\"");
    }
    return new Cidr(ip, Integer.parseInt(bits));
  }

  static void register(CelBuilder b) {
    Functions f = new Functions();
    f.global(
        "ip",
        "string_to_ip",
        IP,
        types(SimpleType.STRING),
        classes(String.class),
        a -> convertIp((String) a[0]));
    f.global(
        "isIP",
        "is_ip",
        SimpleType.BOOL,
        types(SimpleType.STRING),
        classes(String.class),
        a -> valid(() -> parseIp((String) a[0])));
    f.global(
        "ip.isCanonical",
        "ip_is_canonical",
        SimpleType.BOOL,
        types(SimpleType.STRING),
        classes(String.class),
        a -> convertIp((String) a[0]).toString().equals(a[0]));
    f.member(
        "family",
        "ip_family",
        SimpleType.INT,
        types(IP),
        classes(Ip.class),
        a -> (long) ((Ip) a[0]).family());
    ipPredicate(f, "isUnspecified", "ip_is_unspecified", InetAddress::isAnyLocalAddress);
    ipPredicate(f, "isLoopback", "ip_is_loopback", InetAddress::isLoopbackAddress);
    ipPredicate(
        f, "isLinkLocalMulticast", "ip_is_link_local_multicast", InetAddress::isMCLinkLocal);
    ipPredicate(
        f, "isLinkLocalUnicast", "ip_is_link_local_unicast", InetAddress::isLinkLocalAddress);
    ipPredicate(f, "isGlobalUnicast", "ip_is_global_unicast", NetLibrary::isGlobalUnicast);
    f.global(
        "string",
        "ip_to_string",
        SimpleType.STRING,
        types(IP),
        classes(Ip.class),
        a -> a[0].toString());

    f.global(
        "cidr",
        "string_to_cidr",
        CIDR,
        types(SimpleType.STRING),
        classes(String.class),
        a -> {
          try {
            return parseCidr((String) a[0]);
          } catch (IllegalArgumentException e) {
            throw CelErrors.error(
                "network address parse error during conversion from string: %s", e.getMessage());
          }
        });
    f.global(
        "isCIDR",
        "is_cidr",
        SimpleType.BOOL,
        types(SimpleType.STRING),
        classes(String.class),
        a -> valid(() -> parseCidr((String) a[0])));
    f.member(
        "containsIP",
        "cidr_contains_ip_string",
        SimpleType.BOOL,
        types(CIDR, SimpleType.STRING),
        classes(Cidr.class, String.class),
        a -> ((Cidr) a[0]).contains(ipArg((String) a[1])));
    f.member(
        "containsIP",
        "cidr_contains_ip_ip",
        SimpleType.BOOL,
        types(CIDR, IP),
        classes(Cidr.class, Ip.class),
        a -> ((Cidr) a[0]).contains((Ip) a[1]));
    f.member(
        "containsCIDR",
        "cidr_contains_cidr_string",
        SimpleType.BOOL,
        types(CIDR, SimpleType.STRING),
        classes(Cidr.class, String.class),
        a -> containsCidr((Cidr) a[0], cidrArg((String) a[1])));
    f.member(
        "containsCIDR",
        "cidr_contains_cidr",
        SimpleType.BOOL,
        types(CIDR, CIDR),
        classes(Cidr.class, Cidr.class),
        a -> containsCidr((Cidr) a[0], (Cidr) a[1]));
    f.member("ip", "cidr_ip", IP, types(CIDR), classes(Cidr.class), a -> ((Cidr) a[0]).ip());
    f.member(
        "masked",
        "cidr_masked",
        CIDR,
        types(CIDR),
        classes(Cidr.class),
        a -> new Cidr(((Cidr) a[0]).masked(), ((Cidr) a[0]).bits()));
    f.member(
        "prefixLength",
        "cidr_prefix_length",
        SimpleType.INT,
        types(CIDR),
        classes(Cidr.class),
        a -> (long) ((Cidr) a[0]).bits());
    f.global(
        "string",
        "cidr_to_string",
        SimpleType.STRING,
        types(CIDR),
        classes(Cidr.class),
        a -> a[0].toString());
    f.install(b);
  }

  private static boolean containsCidr(Cidr outer, Cidr inner) {
    return inner.ip().family() == outer.ip().family()
        && outer.bits() <= inner.bits()
        && outer.contains(inner.ip());
  }

  /** {@code ip(s)}: a string that is no IP address fails as Kubernetes' conversion does. */
  private static Ip convertIp(String s) {
    try {
      return parseIp(s);
    } catch (IllegalArgumentException e) {
      throw CelErrors.error(
          "IP Address %s parse error during conversion from string: %s",
          GoQuote.quote(s), e.getMessage());
    }
  }

  private static Ip ipArg(String s) {
    try {
      return parseIp(s);
    } catch (IllegalArgumentException e) {
      throw CelErrors.error("IP Address %s parse error: %s", GoQuote.quote(s), e.getMessage());
    }
  }

  private static Cidr cidrArg(String s) {
    try {
      return parseCidr(s);
    } catch (IllegalArgumentException e) {
      throw CelErrors.error("network address parse error: %s", e.getMessage());
    }
  }

  private static boolean valid(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isGlobalUnicast(InetAddress a) {
    if (a instanceof Inet4Address && a.getHostAddress().equals("255.255.255.255")) {
      return false;
    }
    return !a.isAnyLocalAddress()
        && !a.isLoopbackAddress()
        && !a.isMulticastAddress()
        && !a.isLinkLocalAddress();
  }

  @SuppressWarnings("Immutable") // the predicate is a stateless method reference
  private static void ipPredicate(Functions f, String name, String id, Predicate<InetAddress> p) {
    CelType ip = IP;
    f.member(
        name, id, SimpleType.BOOL, types(ip), classes(Ip.class), a -> p.test(((Ip) a[0]).addr()));
  }
}
