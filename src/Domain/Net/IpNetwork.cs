using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Backscatter.Domain.Net;

/// <summary>
/// An IPv4 or IPv6 network in CIDR notation (<c>192.0.2.0/24</c>, <c>2001:db8::/32</c>).
/// A bare address is a network of one address (/32 or /128).
/// </summary>
public sealed class IpNetwork : IEquatable<IpNetwork>
{
    private readonly UInt128 _prefix;
    private readonly UInt128 _mask;

    private IpNetwork(AddressFamily family, UInt128 prefix, int prefixLength)
    {
        Family = family;
        PrefixLength = prefixLength;
        var width = family == AddressFamily.InterNetwork ? 32 : 128;
        _mask = prefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (width - prefixLength);
        if (width == 32)
        {
            _mask &= uint.MaxValue;
        }

        _prefix = prefix;
    }

    public AddressFamily Family { get; }

    public int PrefixLength { get; }

    public IPAddress Prefix => ToAddress(Family, _prefix);

    public static IpNetwork Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var network)
            ? network
            : throw new FormatException($"'{text}' is not a network in CIDR notation (for example 192.0.2.0/24 or 2001:db8::/32) with no host bits set.");
    }

    /// <summary>Parses CIDR notation; rejects host bits below the prefix, because they usually mean a typo.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out IpNetwork? network)
    {
        network = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var slash = span.IndexOf('/');
        var addressPart = slash < 0 ? span : span[..slash];
        // A zone index (fe80::1%eth0) names an interface, not a network.
        if (addressPart.Contains('%') || !IPAddress.TryParse(addressPart, out var address))
        {
            return false;
        }

        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = width;
        if (slash >= 0 && (!int.TryParse(span[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > width))
        {
            return false;
        }

        var candidate = new IpNetwork(address.AddressFamily, ToNumber(address), length);
        if ((candidate._prefix & ~candidate._mask & (width == 32 ? uint.MaxValue : UInt128.MaxValue)) != 0)
        {
            return false;
        }

        network = candidate;
        return true;
    }

    /// <summary>
    /// True when <paramref name="address"/> lies in this network. An IPv4-mapped IPv6 address
    /// (<c>::ffff:192.0.2.1</c>) counts as the IPv4 address it carries.
    /// </summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6 && Family == AddressFamily.InterNetwork)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == Family && (ToNumber(address) & _mask) == _prefix;
    }

    /// <summary>The address as a number: IPv4 in the low 32 bits, IPv6 as all 128, both big-endian order.</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress ToAddress(AddressFamily family, UInt128 number)
    {
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)number);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, number);
        return new IPAddress(v6);
    }

    public bool Equals(IpNetwork? other) =>
        other is not null && other.Family == Family && other.PrefixLength == PrefixLength && other._prefix == _prefix;

    public override bool Equals(object? obj) => Equals(obj as IpNetwork);

    public override int GetHashCode() => HashCode.Combine(Family, PrefixLength, _prefix);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}/{PrefixLength}");
}
