package org.flowcoin.net.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * A network address as in Bitcoin: services (u64 LE), 16-byte IPv6 address (IPv4 as the mapped form
 * {@code ::ffff:a.b.c.d}), port (u16 <b>big-endian</b>). 26 bytes on the wire.
 *
 * <pre>{@code
 * NetAddress a = NetAddress.of(Services.NODE_NETWORK, InetAddress.getByName("127.0.0.1"), 9555);
 * }</pre>
 */
public final class NetAddress {
    /** Size on the wire. */
    public static final int SIZE = 26;
    /** The unspecified address {@code [::]:0} with no services. */
    public static final NetAddress UNSPECIFIED = new NetAddress(0, new byte[16], 0);

    private final long services;
    private final byte[] ip;
    private final int port;

    private NetAddress(long services, byte[] ip, int port) {
        this.services = services;
        this.ip = ip;
        this.port = port;
    }

    /** An address from 16 raw IPv6 bytes (copied) and a port 0-65535. */
    public static NetAddress of(long services, byte[] ipv6, int port) {
        Objects.requireNonNull(ipv6, "ipv6");
        if (ipv6.length != 16) throw new IllegalArgumentException("address must be 16 bytes");
        if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port out of range");
        return new NetAddress(services, ipv6.clone(), port);
    }

    /** An address from an {@link InetAddress}; IPv4 is stored IPv6-mapped. */
    public static NetAddress of(long services, InetAddress address, int port) {
        byte[] a = address.getAddress();
        byte[] ip = new byte[16];
        if (a.length == 4) {
            ip[10] = (byte) 0xff;
            ip[11] = (byte) 0xff;
            System.arraycopy(a, 0, ip, 12, 4);
        } else {
            System.arraycopy(a, 0, ip, 0, 16);
        }
        return of(services, ip, port);
    }

    public static NetAddress read(ByteBuffer in) throws NetDecodeException {
        long services = Wire.u64(in, "services");
        byte[] ip = Wire.bytes(in, 16, "address");
        int port = Wire.u16be(in, "port");
        return new NetAddress(services, ip, port);
    }

    public void write(ByteBuffer out) {
        Wire.writeU64(out, services);
        out.put(ip);
        Wire.writeU16be(out, port);
    }

    public long services() {
        return services;
    }

    /** The 16 address bytes (a copy). */
    public byte[] ipv6() {
        return ip.clone();
    }

    public int port() {
        return port;
    }

    /** True for an IPv4-mapped address. */
    public boolean isIpv4() {
        for (int i = 0; i < 10; i++) if (ip[i] != 0) return false;
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    /** The address as an {@link InetAddress} (an {@code Inet4Address} when IPv4-mapped). */
    public InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(isIpv4() ? Arrays.copyOfRange(ip, 12, 16) : ip.clone());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // unreachable: lengths are 4 or 16
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetAddress a && services == a.services && port == a.port && Arrays.equals(ip, a.ip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(services, port, Arrays.hashCode(ip));
    }

    @Override
    public String toString() {
        String host = inetAddress().getHostAddress();
        return (isIpv4() ? host : "[" + host + "]") + ":" + port + " services=0x" + Long.toHexString(services);
    }
}
